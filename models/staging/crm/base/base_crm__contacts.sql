{{ config(materialized='table') }}

with source as (
    {{ raw_source_rows('crm', 'crm_contacts') }}
),

typed as (
    select
        -- ids
        contact_id,
        company_id,
        owner_id,
        -- personal data
        email,
        lower(email) as email_normalized,
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
        lower(lifecycle_stage_override) as lifecycle_stage_override,
        -- booleans
        {{ parse_boolean('has_existing_solution') }} as has_existing_solution,
        {{ parse_boolean('email_opt_out') }} as email_opt_out,
        -- timestamps
        {{ parse_timestamp('lifecycle_stage_override_at') }} as lifecycle_stage_override_at,
        lifecycle_stage_override_at as lifecycle_stage_override_at_text,
        {{ parse_timestamp('created_at') }} as created_at,
        created_at as created_at_text,
        {{ parse_timestamp('updated_at') }} as updated_at,
        updated_at as updated_at_text,
        raw_row
    from source
),

checked as (
    select
        typed.*,
        case
            when contact_id is null then 'missing contact_id'
            {{ timestamp_problems('created_at') }}
            {{ timestamp_problems('updated_at') }}
            {{ timestamp_problems('lifecycle_stage_override_at', required=false) }}
        end as row_problem
    from typed
),

classified as (
    {{ classify_versions('checked', 'contact_id', created_column='created_at') }}
)

select * from classified
