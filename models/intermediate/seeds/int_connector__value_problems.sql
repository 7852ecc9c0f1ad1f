{{ config(materialized='table', enabled=connector_reads('hubspot') or connector_reads('salesforce')) }}
{%- set fields = connector_value_fields() -%}
{%- set operators = connector_value_operators() -%}
{%- set field_names = [] -%}
{%- for connector, connector_fields in fields.items() -%}
    {%- for field in connector_fields -%}
        {%- do field_names.append(connector ~ ': ' ~ field) -%}
    {%- endfor -%}
{%- endfor -%}

-- Every problem of seeds/connector_values.csv, one row each: the row (its connector, field and
-- source_value) and what is wrong. One CTE per check. The seed is read as text and typed safely,
-- so a bad value becomes a problem row, never an error. validate_connector_values() fails
-- int_connector__values with these rows, so no connector mapping reads a bad seed.

-- the seed, typed --------------------------------------------------------------------------------
with connector_values_seed as (
    select * from {{ ref('connector_values') }}
),

seed_rows as (
    select
        lower({{ clean_text('connector') }}) as connector,
        lower({{ clean_text('field') }}) as field,
        lower({{ clean_text('operator') }}) as operator_value,
        {{ clean_text('source_value') }} as source_value,
        {{ clean_text('value') }} as value_value,
        {{ clean_text('priority') }} as priority_value,
        {{ parse_number(clean_text('priority')) }} as priority_number
    from connector_values_seed
),

labelled as (
    select
        seed_rows.*,
        {{ dbt.concat([
            "coalesce(connector, '')", "' '", "coalesce(field, '')", "' '",
            scoring_seed_quoted('source_value')
        ]) }} as row_label
    from seed_rows
),

-- the contract as rows ---------------------------------------------------------------------------
known_fields as (
    {%- for connector, connector_fields in fields.items() %}
        {%- set outer = loop %}
        {%- for field, allowed in connector_fields.items() %}
        {%- set allowed_list = 'any' if allowed == 'any' else 'true, false' if allowed == 'boolean'
            else var(allowed) | join(', ') %}
            select
                '{{ connector }}' as connector,
                '{{ field }}' as field,
                '{{ allowed_list | replace("'", "''") }}' as allowed_values
            {%- if not (outer.last and loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
),

allowed_values as (
    {%- set allowed_rows = [] -%}
    {%- for connector, connector_fields in fields.items() -%}
        {%- for field, allowed in connector_fields.items() if allowed != 'any' -%}
            {%- set values = ['true', 'false'] if allowed == 'boolean' else var(allowed) -%}
            {%- for value in values -%}
                {%- do allowed_rows.append((connector, field, value)) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for connector, field, value in allowed_rows %}
        select
            '{{ connector }}' as connector,
            '{{ field }}' as field,
            '{{ value | replace("'", "''") }}' as allowed_value
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

checked as (
    select
        labelled.*,
        known_fields.allowed_values,
        known_fields.field is not null as is_known_field
    from labelled
    left join known_fields
        on
            labelled.connector = known_fields.connector
            and labelled.field = known_fields.field
),

-- checks -----------------------------------------------------------------------------------------
field_unknown as (
    select
        row_label,
        {{ dbt.concat([
            "'unknown connector and field '", scoring_seed_quoted('connector'), "' '",
            scoring_seed_quoted('field'), "' (allowed: " ~ field_names | join(', ') ~ ")'"
        ]) }} as problem
    from checked
    where not is_known_field
),

operator_unknown as (
    select
        row_label,
        {{ dbt.concat([
            "'unknown operator '", scoring_seed_quoted('operator_value'),
            "' (allowed: " ~ operators | join(', ') ~ ")'"
        ]) }} as problem
    from checked
    where operator_value is null
        or operator_value not in (
            '{{ operators | join("', '") }}'
        )
),

source_value_missing as (
    select
        row_label,
        'source_value is missing' as problem
    from checked
    where source_value is null
),

value_missing as (
    select
        row_label,
        'value is missing' as problem
    from checked
    where value_value is null
),

value_not_allowed as (
    select
        checked.row_label,
        {{ dbt.concat([
            "'value '", scoring_seed_quoted('checked.value_value'), "' is not allowed for '",
            "checked.field", "' (allowed: '", "checked.allowed_values", "')'"
        ]) }} as problem
    from checked
    left join allowed_values
        on
            checked.connector = allowed_values.connector
            and checked.field = allowed_values.field
            and lower(checked.value_value) = allowed_values.allowed_value
    where
        checked.is_known_field
        and checked.allowed_values != 'any'
        and checked.value_value is not null
        and allowed_values.allowed_value is null
),

priority_not_whole as (
    select
        row_label,
        {{ dbt.concat([
            "'priority '", scoring_seed_quoted('priority_value'), "' is not a whole number'"
        ]) }} as problem
    from checked
    where priority_number is null or priority_number != floor(priority_number)
),

row_duplicate as (
    select
        min(row_label) as row_label,
        {{ dbt.concat([
            "'duplicate row (connector, field, operator and source_value used by '",
            "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rows)'"
        ]) }} as problem
    from checked
    where source_value is not null
    group by connector, field, operator_value, lower(source_value)
    having count(*) > 1
),

-- all problems -----------------------------------------------------------------------------------
problems as (
    {%- for check in [
            'field_unknown', 'operator_unknown', 'source_value_missing', 'value_missing',
            'value_not_allowed', 'priority_not_whole', 'row_duplicate'] %}
        select
            cast('connector_values.csv' as {{ dbt.type_string() }}) as seed_file,
            cast('row' as {{ dbt.type_string() }}) as key_name,
            cast(row_label as {{ dbt.type_string() }}) as key_value,
            cast(problem as {{ dbt.type_string() }}) as problem
        from {{ check }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from problems
