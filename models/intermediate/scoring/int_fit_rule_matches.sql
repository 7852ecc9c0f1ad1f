{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- Fit rules that hold for a contact, one row per scoring day, contact and matching rule.
-- Incremental by contact (int_scoring_contact_fingerprints).
with changed as (
    {{ changed_scoring_contacts() }}
),

attribute_values as (
    select
        attribute_values.scoring_day,
        attribute_values.contact_id,
        attribute_values.attribute,
        attribute_values.value_text,
        attribute_values.value_number,
        changed.input_fingerprint
    from {{ ref('int_contact_attribute_values') }} as attribute_values
    inner join changed
        on attribute_values.scoring_day = changed.scoring_day
            and attribute_values.contact_id = changed.contact_id
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
        attribute_values.scoring_day,
        attribute_values.contact_id,
        attribute_values.value_text,
        rules.rule_id,
        rules.level,
        rules.attribute,
        rules.operator,
        rules.points,
        rules.is_disqualifying,
        attribute_values.input_fingerprint,
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
        scoring_day,
        contact_id,
        rule_id,
        level,
        attribute,
        operator,
        value_text,
        points,
        is_disqualifying,
        input_fingerprint,
        max(is_item_match) as any_item_matches
    from item_matches
    group by
        scoring_day, contact_id, rule_id, level, attribute, operator, value_text, points,
        is_disqualifying, input_fingerprint
),

matched as (
    select
        scoring_day,
        contact_id,
        rule_id,
        level,
        attribute,
        value_text as attribute_value,
        points,
        is_disqualifying,
        input_fingerprint
    from per_rule
    where {{ rule_condition_holds('operator', 'value_text', 'any_item_matches') }}
)

select * from matched
