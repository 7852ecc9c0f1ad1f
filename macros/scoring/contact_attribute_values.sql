{#- The fit attributes in long form, the one place they are unpivoted: one row per
    key_columns (default scoring_date, contact_id) and attribute of `relation` (a wide row per contact as
    macros/scoring/enriched_contacts.sql writes it). value_text is lower-cased and trimmed
    (booleans as 'true'/'false'), value_number is the numeric reading used by gte, lt and between.
    Renders a complete `select` (int_contact_attribute_values). -#}
{% macro contact_attribute_values(relation, key_columns=['scoring_date', 'contact_id']) -%}
    {%- set kinds = scoring_seed_contract().fit_attributes -%}
    {%- set attributes = kinds.keys() | list -%}
    {%- for attribute in attributes %}
        select
            {%- for key in key_columns %}
            {{ key }},
            {%- endfor %}
            '{{ attribute }}' as attribute,
            {%- if kinds[attribute] == 'number' %}
            {{ number_as_text(attribute) }} as value_text,
            cast({{ attribute }} as {{ scoring_type_double() }}) as value_number
            {%- elif kinds[attribute] == 'boolean' %}
            case
                when {{ attribute }} then 'true'
                when not {{ attribute }} then 'false'
            end as value_text,
            cast(null as {{ scoring_type_double() }}) as value_number
            {%- else %}
            nullif(lower(trim({{ attribute }})), '') as value_text,
            cast(null as {{ scoring_type_double() }}) as value_number
            {%- endif %}
        from {{ relation }}
        {%- if not loop.last %}
        union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
