{%- set text_attributes = ['industry', 'company_country'] -%}
{%- set number_attributes = ['employee_count', 'annual_revenue'] -%}

-- The company-level fit of every current company: the `organization` fit rules applied
-- to the company's own attributes (industry, employee_count, annual_revenue, company_country),
-- with the rule-matching macros of the contact fit (macros/scoring/rule_matching.sql) and the same
-- typed rule tables. company_fit_score = min(100, max(0, Σ points)). An organization rule on an
-- attribute a company does not have (e.g. lead_source) does not apply at company level.
with companies as (
    select * from {{ ref('stg_crm__companies') }}
),

rules as (
    select * from {{ ref('int_scoring__fit_rules') }}
    where level = 'organization'
),

rule_values as (
    select * from {{ ref('int_scoring__rule_values') }}
    where rule_kind = 'fit'
),

-- the same readings as int_contact_attribute_values: text lower-cased and trimmed, numbers as
-- written (`75`, not `75.0`) and as doubles
attribute_values as (
    {% for attribute in text_attributes %}
        select
            company_id,
            '{{ attribute }}' as attribute,
            nullif(lower(trim({{ attribute }})), '') as value_text,
            cast(null as {{ scoring_type_double() }}) as value_number
        from companies
        union all
    {% endfor %}
    {% for attribute in number_attributes %}
        select
            company_id,
            '{{ attribute }}' as attribute,
            {{ number_as_text(attribute) }} as value_text,
            cast({{ attribute }} as {{ scoring_type_double() }}) as value_number
        from companies
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

per_rule as (
    select
        attribute_values.company_id,
        rules.rule_id,
        rules.operator,
        rules.points,
        attribute_values.value_text,
        max(
            case
                when {{ rule_item_matches(
                    'rules.operator', 'attribute_values.value_text', 'attribute_values.value_number',
                    'rule_values.value_item', 'rules.value_number', 'rules.value_to_number') }}
                    then 1
                else 0
            end
        ) as any_item_matches
    from attribute_values
    inner join rules
        on attribute_values.attribute = rules.attribute
    left join rule_values
        on rules.rule_id = rule_values.rule_id
    group by
        attribute_values.company_id, rules.rule_id, rules.operator, rules.points,
        attribute_values.value_text
),

company_points as (
    select
        company_id,
        -- the rules' points added exactly, in whatever order (exact_points)
        {{ exact_score('sum(' ~ exact_points('points') ~ ')') }} as company_fit_points,
        count(*) as company_fit_rules_matched
    from per_rule
    where {{ rule_condition_holds('operator', 'value_text', 'any_item_matches') }}
    group by company_id
),

final as (
    select
        companies.company_id,
        coalesce(company_points.company_fit_points, 0) as company_fit_points,
        least(100, greatest(0, coalesce(company_points.company_fit_points, 0))) as company_fit_score,
        cast(coalesce(company_points.company_fit_rules_matched, 0) as {{ dbt.type_int() }})
            as company_fit_rules_matched
    from companies
    left join company_points
        on companies.company_id = company_points.company_id
)

select * from final
