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
        case
            when {{ parse_number('employee_count') }} >= 0
                then cast({{ parse_number('employee_count') }} as {{ dbt.type_bigint() }})
        end as employee_count,
        case
            when {{ parse_number('annual_revenue') }} >= 0
                then {{ parse_number('annual_revenue') }}
        end as annual_revenue,
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
            when updated_at >= {{ dbt.dateadd('day', 1, as_of_date()) }}
                then 'updated_at after as_of_date (version not yet effective)'
        end as row_problem
    from typed
),

classified as (
    {{ classify_rows('checked', 'company_id', 'updated_at', duplicates='superseded') }}
)

select * from classified
