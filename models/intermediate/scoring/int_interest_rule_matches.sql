-- Interest rules matched by each activity of the stream: one row per activity and
-- matching rule (one activity may match several rules; each counts). Whether an activity matches
-- depends on the activity alone, so this is computed once for every scoring day.
with activities as (
    select * from {{ ref('int_activities') }}
),

rules as (
    select * from {{ ref('int_scoring__interest_rules') }}
),

rule_values as (
    select * from {{ ref('int_scoring__rule_values') }}
    where rule_kind = 'interest'
),

item_matches as (
    select
        activities.activity_id,
        activities.detail,
        rules.rule_id,
        rules.operator,
        rules.points,
        case
            when {{ rule_item_matches(
                'rules.operator', 'lower(trim(activities.detail))', 'coalesce(activities.detail_number, '
                ~ parse_number('activities.detail') ~ ')',
                'rule_values.value_item', 'rules.value_number', 'rules.value_to_number') }}
                then 1
            else 0
        end as is_item_match
    from activities
    inner join rules
        on activities.activity = rules.activity
    left join rule_values
        on rules.rule_id = rule_values.rule_id
),

per_rule as (
    select
        activity_id,
        detail,
        rule_id,
        operator,
        points,
        max(is_item_match) as any_item_matches
    from item_matches
    group by activity_id, detail, rule_id, operator, points
),

matched as (
    select
        activity_id,
        rule_id,
        points
    from per_rule
    where {{ rule_condition_holds('operator', 'lower(trim(detail))', 'any_item_matches') }}
)

select * from matched
