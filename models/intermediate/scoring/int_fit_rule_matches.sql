-- Fit rules that hold for a contact, one row per scoring day, contact and matching rule.
with attribute_values as (
    select * from {{ ref('int_contact_attribute_values') }}
),

rules as (
    select * from {{ ref('int_scoring__fit_rules') }}
),

rule_values as (
    select * from {{ ref('int_scoring__rule_values') }}
    where rule_kind = 'fit'
),

item_matches as (
    select
        attribute_values.scoring_date,
        attribute_values.contact_id,
        attribute_values.value_text,
        rules.rule_id,
        rules.level,
        rules.attribute,
        rules.operator,
        rules.points,
        rules.is_disqualifying,
        case
            when {{ rule_item_matches(
                'rules.operator', 'attribute_values.value_text', 'attribute_values.value_number',
                'rule_values.value_item', 'rules.value_number', 'rules.value_to_number') }}
                then 1
            else 0
        end as is_item_match
    from attribute_values
    inner join rules
        on attribute_values.attribute = rules.attribute
    left join rule_values
        on rules.rule_id = rule_values.rule_id
),

per_rule as (
    select
        scoring_date,
        contact_id,
        rule_id,
        level,
        attribute,
        operator,
        value_text,
        points,
        is_disqualifying,
        max(is_item_match) as any_item_matches
    from item_matches
    group by
        scoring_date, contact_id, rule_id, level, attribute, operator, value_text, points, is_disqualifying
),

matched as (
    select
        scoring_date,
        contact_id,
        rule_id,
        level,
        attribute,
        value_text as attribute_value,
        points,
        is_disqualifying
    from per_rule
    where {{ rule_condition_holds('operator', 'value_text', 'any_item_matches') }}
)

select * from matched
