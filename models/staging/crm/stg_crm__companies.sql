with base as (
    select * from {{ ref('base_crm__companies') }}
),

clean as (
    select
        -- ids
        company_id,
        -- attributes
        company_name,
        company_domain,
        industry,
        company_country,
        -- metrics
        employee_count,
        annual_revenue,
        -- timestamps
        updated_at
    from base
    where row_status = 'clean'
)

select * from clean
