{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- Fit score, disqualification and grade of every contact on each scoring day:
-- fit_score = min(100, max(0, Σ points of the matching fit rules)); a matching rule with
-- disqualify = true makes the contact disqualified and its grade F. Incremental by contact
-- (int_scoring_contact_fingerprints).
with changed as (
    {{ changed_scoring_contacts() }}
),

contacts as (
    select
        changed.scoring_day,
        changed.contact_id,
        changed.input_fingerprint
    from {{ ref('int_contacts_enriched') }} as contacts
    inner join changed
        on contacts.scoring_day = changed.scoring_day
            and contacts.contact_id = changed.contact_id
),

matches as (
    select matches.*
    from {{ ref('int_fit_rule_matches') }} as matches
    inner join changed
        on matches.scoring_day = changed.scoring_day
            and matches.contact_id = changed.contact_id
),

grades as (
    select * from {{ ref('int_scoring__grades') }}
),

settings as (
    select * from {{ ref('int_scoring__settings') }}
),

totals as (
    select
        contacts.scoring_day,
        contacts.contact_id,
        contacts.input_fingerprint,
        -- the rules' points added exactly, in whatever order (exact_points)
        {{ exact_score('coalesce(sum(' ~ exact_points('matches.points') ~ '), 0)') }} as fit_points,
        coalesce(max(case when matches.is_disqualifying then 1 else 0 end), 0) = 1 as is_disqualified,
        count(matches.rule_id) as fit_rules_matched
    from contacts
    left join matches
        on contacts.scoring_day = matches.scoring_day
            and contacts.contact_id = matches.contact_id
    group by contacts.scoring_day, contacts.contact_id, contacts.input_fingerprint
),

scored as (
    select
        scoring_day,
        contact_id,
        input_fingerprint,
        fit_points,
        is_disqualified,
        fit_rules_matched,
        least(100, greatest(0, fit_points)) as fit_score
    from totals
),

-- the grade with the highest min_fit_score <= fit_score; F when disqualified
graded as (
    select
        scored.scoring_day,
        scored.contact_id,
        grades.grade,
        grades.grade_rank,
        row_number() over (
            partition by scored.scoring_day, scored.contact_id
            order by grades.min_fit_score desc
        ) as grade_match_rank
    from scored
    inner join grades
        on (scored.is_disqualified and grades.grade = 'F')
            or (not scored.is_disqualified and scored.fit_score >= grades.min_fit_score)
),

final as (
    select
        scored.scoring_day,
        scored.contact_id,
        scored.fit_points,
        scored.fit_score,
        scored.is_disqualified,
        scored.fit_rules_matched,
        graded.grade,
        graded.grade_rank,
        coalesce(graded.grade_rank <= min_grade.grade_rank, false) as meets_mql_min_grade,
        scored.input_fingerprint
    from scored
    left join graded
        on scored.scoring_day = graded.scoring_day
            and scored.contact_id = graded.contact_id
            and graded.grade_match_rank = 1
    cross join settings
    left join grades as min_grade
        on settings.mql_min_grade = min_grade.grade
)

select * from final
