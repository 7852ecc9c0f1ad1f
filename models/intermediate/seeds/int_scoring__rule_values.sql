{#- The values of every fit and interest rule, one row per value item: the `|`-separated list of
    an `in` / `not_in` rule becomes one row per item (lower-cased, trimmed, empty items dropped,
    duplicates removed); every other rule has exactly one row with value_item = value_text
    (null for operators without a value). Rules join this table, so seed text stays data. -#}
with fit_rules as (
    select * from {{ ref('int_scoring__fit_rules') }}
),

interest_rules as (
    select * from {{ ref('int_scoring__interest_rules') }}
),

rules as (
    select
        cast('fit' as {{ dbt.type_string() }}) as rule_kind,
        rule_id,
        operator,
        value_text
    from fit_rules
    union all
    select
        cast('interest' as {{ dbt.type_string() }}) as rule_kind,
        rule_id,
        operator,
        value_text
    from interest_rules
),

digits as (
    select 0 as digit
    union all
    select 1
    union all
    select 2
    union all
    select 3
    union all
    select 4
    union all
    select 5
    union all
    select 6
    union all
    select 7
    union all
    select 8
    union all
    select 9
),

-- 1 .. 1000: the validation rejects longer lists.
item_numbers as (
    select hundreds.digit * 100 + tens.digit * 10 + ones.digit + 1 as item_number
    from digits as hundreds
    cross join digits as tens
    cross join digits as ones
),

list_rules as (
    select
        rule_kind,
        rule_id,
        value_text,
        {{ dbt.length('value_text') }}
        - {{ dbt.length(dbt.replace('value_text', "'|'", "''")) }}
        + 1 as item_count
    from rules
    where operator in ('in', 'not_in')
),

list_items as (
    select distinct
        list_rules.rule_kind,
        list_rules.rule_id,
        trim({{ scoring_split_part('list_rules.value_text', '|', 'item_numbers.item_number') }}) as value_item
    from list_rules
    inner join item_numbers
        on list_rules.item_count >= item_numbers.item_number
),

single_values as (
    select
        rule_kind,
        rule_id,
        value_text as value_item
    from rules
    where operator is null or operator not in ('in', 'not_in')
),

rule_values as (
    select
        rule_kind,
        rule_id,
        value_item
    from list_items
    where value_item is not null and value_item <> ''
    union all
    select
        rule_kind,
        rule_id,
        value_item
    from single_values
)

select * from rule_values
