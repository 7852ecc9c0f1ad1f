-- Matched interest points per contact, rule and activity day, before decay: the grain at which
-- decay is applied (age is counted in whole days).
with matches as (
    select * from {{ ref('int_interest_rule_matches') }}
),

daily as (
    select
        contact_id,
        rule_id,
        activity_date,
        count(*) as matches,
        sum(points) as points
    from matches
    group by contact_id, rule_id, activity_date
)

select * from daily
