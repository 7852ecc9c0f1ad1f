{%- set fit_attributes = scoring_seed_contract().fit_attributes -%}

-- The fit attributes in long form, one row per scoring day, contact and attribute, ready to be
-- joined to the fit rules: value_text is lower-cased and trimmed (booleans as 'true'/'false'),
-- value_number is the numeric reading used by gte, lt and between. The attributes and their kinds
-- (text, number, boolean) are those of the seed contract (macros/scoring/scoring_seed_contract.sql).
with contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

attribute_values as (
    {% for attribute, kind in fit_attributes.items() %}
        select
            scoring_date,
            contact_id,
            '{{ attribute }}' as attribute,
            {% if kind == 'number' -%}
                {{ number_as_text(attribute) }} as value_text,
                cast({{ attribute }} as {{ scoring_type_double() }}) as value_number
            {%- elif kind == 'boolean' -%}
                case
                    when {{ attribute }} then 'true'
                    when not {{ attribute }} then 'false'
                end as value_text,
                cast(null as {{ scoring_type_double() }}) as value_number
            {%- else -%}
                nullif(lower(trim({{ attribute }})), '') as value_text,
                cast(null as {{ scoring_type_double() }}) as value_number
            {%- endif %}
        from contacts
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from attribute_values
