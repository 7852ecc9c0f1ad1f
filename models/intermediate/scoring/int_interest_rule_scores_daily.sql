-- Interest points per contact, rule and evaluation day (SPEC §4): each day's matched points decay
-- with the rule's half-life, drop out once their age reaches window_days, and the rule's total is
-- capped at max_points keeping its sign.
with evaluation_days as (
    select * from {{ ref('int_contact_evaluation_days') }}
),

daily_points as (
    select * from {{ ref('int_interest_rule_daily_points') }}
),

rules as (
    select * from {{ ref('int_scoring__interest_rules') }}
),

aged as (
    select
        evaluation_days.contact_id,
        evaluation_days.evaluation_date,
        daily_points.rule_id,
        daily_points.matches,
        daily_points.points,
        rules.half_life_days,
        rules.window_days,
        rules.max_points,
        {{ dbt.datediff('daily_points.activity_date', 'evaluation_days.evaluation_date', 'day') }}
            as age_days
    from evaluation_days
    inner join daily_points
        on evaluation_days.contact_id = daily_points.contact_id
            and evaluation_days.evaluation_date >= daily_points.activity_date
    inner join rules
        on daily_points.rule_id = rules.rule_id
),

per_rule as (
    select
        contact_id,
        evaluation_date,
        rule_id,
        max_points,
        sum(
            case
                when window_days is null or age_days < window_days then matches
                else 0
            end
        ) as matches,
        sum({{ decayed_points('points', 'age_days', 'half_life_days', 'window_days') }})
            as uncapped_points
    from aged
    group by contact_id, evaluation_date, rule_id, max_points
),

capped as (
    select
        contact_id,
        evaluation_date,
        rule_id,
        matches,
        uncapped_points,
        {{ capped_points('uncapped_points', 'max_points') }} as points
    from per_rule
)

select * from capped
