-- Every usable version of a CRM contact with the days it is in force, [valid_from_date,
-- valid_to_date): the scoring-day models pick the version in force on each scoring day.
with base as (
    select * from {{ ref('base_crm__contacts') }}
),

versions as (
    select
        -- ids
        contact_id,
        company_id,
        owner_id,
        -- personal data
        email,
        email_normalized,
        first_name,
        last_name,
        -- attributes
        job_title,
        department,
        education_level,
        country,
        lead_source,
        budget_status,
        purchase_timeline,
        lifecycle_stage_override,
        -- booleans
        has_existing_solution,
        email_opt_out,
        -- timestamps
        lifecycle_stage_override_at,
        created_at,
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
