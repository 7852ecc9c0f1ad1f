-- Every usable version of a CRM company with the days it is in force, [valid_from_date,
-- valid_to_date): the scoring-day models pick the version in force on each scoring day.
with base as (
    select * from {{ ref('base_crm__companies') }}
),

versions as (
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
        updated_at,
        -- versions
        valid_from_date,
        valid_to_date
    from base
    where row_status != 'quarantined'
        -- a version replaced on the day it was written was never in force
        and (valid_to_date is null or valid_from_date < valid_to_date)
)

select * from versions
