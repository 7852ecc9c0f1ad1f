-- Every usable version of a CRM deal with the days it is in force, [valid_from_date,
-- valid_to_date): the scoring-day models pick the version in force on each scoring day.
with base as (
    select * from {{ ref('base_crm__deals') }}
),

versions as (
    select
        -- ids
        deal_id,
        contact_id,
        company_id,
        -- attributes
        deal_stage,
        -- metrics
        amount,
        -- timestamps
        created_at,
        closed_at,
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
