-- Interest rules matched by each activity up to as_of_date (SPEC §4): one row per activity and
-- matching rule (one activity may match several rules; each counts).
with activities as (
    select activities.*
    from {{ ref('int_activities') }} as activities
    inner join {{ ref('int_contacts_enriched') }} as contacts
        on activities.contact_id = contacts.contact_id
    where activities.activity_date <= {{ as_of_date() }}
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
        activities.contact_id,
        activities.activity_date,
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
        contact_id,
        activity_date,
        detail,
        rule_id,
        operator,
        points,
        max(is_item_match) as any_item_matches
    from item_matches
    group by activity_id, contact_id, activity_date, detail, rule_id, operator, points
),

matched as (
    select
        activity_id,
        contact_id,
        rule_id,
        activity_date,
        points
    from per_rule
    where {{ rule_condition_holds('operator', 'lower(trim(detail))', 'any_item_matches') }}
)

select * from matched
