{#- The interest rules matched by activities, the one place an activity is matched to the rules:
    one row per activity and matching rule (one activity may match several rules; each counts),
    as the CTEs `interest_item_matches`, `interest_rules_per_activity` and
    `matched_interest_rules` (the result: activity_id, rule_id, points) for a `with` chain placed
    after a CTE `activities_to_match` (activity_id, activity, detail, detail_number). Whether an
    activity matches depends on the activity alone. Rendered by int_interest_rule_matches (every
    activity) and int_interest_rule_points_per_activity_day (the activities of the contacts it
    computes). -#}
{% macro interest_rule_matches() -%}
interest_item_matches as (
    select
        activities_to_match.activity_id,
        activities_to_match.detail,
        rules.rule_id,
        rules.operator,
        rules.points,
        case
            when {{ rule_item_matches(
                'rules.operator', 'lower(trim(activities_to_match.detail))',
                'coalesce(activities_to_match.detail_number, '
                ~ parse_number('activities_to_match.detail') ~ ')',
                'rule_values.value_item', 'rules.value_number', 'rules.value_to_number') }}
                then 1
            else 0
        end as is_item_match
    from activities_to_match
    inner join {{ ref('int_scoring__interest_rules') }} as rules
        on activities_to_match.activity = rules.activity
    left join (
        select * from {{ ref('int_scoring__rule_values') }}
        where rule_kind = 'interest'
    ) as rule_values
        on rules.rule_id = rule_values.rule_id
),

interest_rules_per_activity as (
    select
        activity_id,
        detail,
        rule_id,
        operator,
        points,
        max(is_item_match) as any_item_matches
    from interest_item_matches
    group by activity_id, detail, rule_id, operator, points
),

matched_interest_rules as (
    select
        activity_id,
        rule_id,
        points
    from interest_rules_per_activity
    where {{ rule_condition_holds('operator', 'lower(trim(detail))', 'any_item_matches') }}
)
{%- endmacro %}
