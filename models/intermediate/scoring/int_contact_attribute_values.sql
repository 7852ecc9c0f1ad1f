{%- set text_attributes = [
    'industry', 'company_country', 'country', 'job_title', 'seniority', 'department',
    'education_level', 'email_domain', 'lead_source', 'budget_status', 'purchase_timeline',
] -%}
{%- set number_attributes = ['employee_count', 'annual_revenue'] -%}
{%- set boolean_attributes = ['is_free_email', 'email_opt_out', 'has_existing_solution'] -%}

-- The fit attributes of SPEC §3 in long form, one row per scoring day, contact and attribute, ready to be
-- joined to the fit rules: value_text is lower-cased and trimmed (booleans as 'true'/'false'),
-- value_number is the numeric reading used by gte, lt and between.
with contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

attribute_values as (
    {% for attribute in text_attributes %}
        select
            scoring_date,
            contact_id,
            '{{ attribute }}' as attribute,
            nullif(lower(trim({{ attribute }})), '') as value_text,
            cast(null as {{ scoring_type_double() }}) as value_number
        from contacts
        union all
    {% endfor %}
    {% for attribute in number_attributes %}
        select
            scoring_date,
            contact_id,
            '{{ attribute }}' as attribute,
            {{ number_as_text(attribute) }} as value_text,
            cast({{ attribute }} as {{ scoring_type_double() }}) as value_number
        from contacts
        union all
    {% endfor %}
    {% for attribute in boolean_attributes %}
        select
            scoring_date,
            contact_id,
            '{{ attribute }}' as attribute,
            case
                when {{ attribute }} then 'true'
                when not {{ attribute }} then 'false'
            end as value_text,
            cast(null as {{ scoring_type_double() }}) as value_number
        from contacts
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from attribute_values
