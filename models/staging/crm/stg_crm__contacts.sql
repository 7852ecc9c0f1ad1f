with base as (
    select * from {{ ref('base_crm__contacts') }}
),

clean as (
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
        updated_at
    from base
    where row_status = 'clean'
)

select * from clean
