{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- Matched interest points per scoring day, contact, rule and activity day, before decay: the
-- grain at which decay is applied (age is counted in whole days). Incremental by contact
-- (int_scoring_contact_fingerprints).
with changed as (
    {{ changed_scoring_contacts() }}
),

activities as (
    select
        activities.scoring_day,
        activities.contact_id,
        activities.activity_id,
        activities.activity,
        activities.detail,
        activities.detail_number,
        activities.activity_date,
        changed.input_fingerprint
    from {{ ref('int_scoring_day_activities') }} as activities
    inner join changed
        on activities.scoring_day = changed.scoring_day
            and activities.contact_id = changed.contact_id
),

-- the interest rules each of those activities matches (macros/scoring/interest_rule_matches.sql)
activities_to_match as (
    select distinct
        activity_id,
        activity,
        detail,
        detail_number
    from activities
),

{{ interest_rule_matches() }},

matches as (
    select * from matched_interest_rules
),

daily as (
    select
        activities.scoring_day,
        activities.contact_id,
        matches.rule_id,
        activities.activity_date,
        count(*) as matches,
        {{ exact_score('sum(' ~ exact_points('matches.points') ~ ')') }} as points,
        max(activities.input_fingerprint) as input_fingerprint
    from activities
    inner join matches
        on activities.activity_id = matches.activity_id
    group by activities.scoring_day, activities.contact_id, matches.rule_id, activities.activity_date
)

select * from daily
