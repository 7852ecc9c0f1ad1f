-- Fit score, disqualification and grade of every contact on each scoring day:
-- fit_score = min(100, max(0, Σ points of the matching fit rules)); a matching rule with
-- disqualify = true makes the contact disqualified and its grade F.
with contacts as (
    select
        scoring_date,
        contact_id
    from {{ ref('int_contacts_enriched') }}
),

matches as (
    select * from {{ ref('int_fit_rule_matches') }}
),

grades as (
    select * from {{ ref('int_scoring__grades') }}
),

settings as (
    select * from {{ ref('int_scoring__settings') }}
),

totals as (
    select
        contacts.scoring_date,
        contacts.contact_id,
        coalesce(sum(matches.points), 0) as fit_points,
        coalesce(max(case when matches.is_disqualifying then 1 else 0 end), 0) = 1 as is_disqualified,
        count(matches.rule_id) as fit_rules_matched
    from contacts
    left join matches
        on contacts.scoring_date = matches.scoring_date
            and contacts.contact_id = matches.contact_id
    group by contacts.scoring_date, contacts.contact_id
),

scored as (
    select
        scoring_date,
        contact_id,
        fit_points,
        is_disqualified,
        fit_rules_matched,
        least(100, greatest(0, fit_points)) as fit_score
    from totals
),

-- the grade with the highest min_fit_score <= fit_score; F when disqualified
graded as (
    select
        scored.scoring_date,
        scored.contact_id,
        grades.grade,
        grades.grade_rank,
        row_number() over (
            partition by scored.scoring_date, scored.contact_id
            order by grades.min_fit_score desc
        ) as grade_match_rank
    from scored
    inner join grades
        on (scored.is_disqualified and grades.grade = 'F')
            or (not scored.is_disqualified and scored.fit_score >= grades.min_fit_score)
),

final as (
    select
        scored.scoring_date,
        scored.contact_id,
        scored.fit_points,
        scored.fit_score,
        scored.is_disqualified,
        scored.fit_rules_matched,
        graded.grade,
        graded.grade_rank,
        coalesce(graded.grade_rank <= min_grade.grade_rank, false) as meets_mql_min_grade
    from scored
    left join graded
        on scored.scoring_date = graded.scoring_date
            and scored.contact_id = graded.contact_id
            and graded.grade_match_rank = 1
    cross join settings
    left join grades as min_grade
        on settings.mql_min_grade = min_grade.grade
)

select * from final
