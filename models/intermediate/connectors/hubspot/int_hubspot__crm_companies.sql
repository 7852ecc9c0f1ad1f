{{ config(enabled=lead_scoring_source('crm') == 'hubspot') }}

-- crm_companies (SPEC §1) from HubSpot (SPEC §1b.3): one row per company version, as text;
-- industry as landed (HubSpot's option values: fit rules are written in the CRM's words [D6]).
with company_versions as (
    select * from {{ ref('int_hubspot__company_versions') }}
),

mapped as (
    select
        company_id,
        company_name as name,
        domain,
        industry,
        {{ number_as_text('employee_count') }} as employee_count,
        {{ number_as_text('annual_revenue') }} as annual_revenue,
        country,
        {{ timestamp_text('version_at') }} as updated_at
    from company_versions
)

select * from mapped
