{{ config(materialized='table') }}

with source as (
    {{ raw_source_rows('crm', 'crm_companies') }}
),

typed as (
    select
        -- ids
        company_id,
        -- attributes
        name as company_name,
        lower(domain) as company_domain,
        industry,
        country as company_country,
        -- metrics
        cast({{ parse_non_negative_number('employee_count') }} as {{ dbt.type_bigint() }})
            as employee_count,
        {{ parse_non_negative_number('annual_revenue') }} as annual_revenue,
        -- timestamps
        {{ parse_timestamp('updated_at') }} as updated_at,
        updated_at as updated_at_text,
        raw_row
    from source
),

checked as (
    select
        typed.*,
        case
            when company_id is null then 'missing company_id'
            {{ timestamp_problems('updated_at') }}
        end as row_problem
    from typed
),

classified as (
    {{ classify_versions('checked', 'company_id') }}
)

select * from classified
