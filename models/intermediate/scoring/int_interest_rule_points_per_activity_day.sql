-- Matched interest points per scoring day, contact, rule and activity day, before decay: the
-- grain at which decay is applied (age is counted in whole days).
with activities as (
    select * from {{ ref('int_scoring_day_activities') }}
),

matches as (
    select * from {{ ref('int_interest_rule_matches') }}
),

daily as (
    select
        activities.scoring_date,
        activities.contact_id,
        matches.rule_id,
        activities.activity_date,
        count(*) as matches,
        sum(matches.points) as points
    from activities
    inner join matches
        on activities.activity_id = matches.activity_id
    group by activities.scoring_date, activities.contact_id, matches.rule_id, activities.activity_date
)

select * from daily
