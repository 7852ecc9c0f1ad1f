{{ config(enabled=lead_scoring_source('crm') == 'hubspot') }}

-- crm_contacts (SPEC §1) from HubSpot (SPEC §1b.3): one row per contact version, as text. The
-- company is the version's associatedcompanyid, else the contact's primary company association
-- [D4]; the lead source is the original source translated by seeds/connector_values.csv (its
-- own word lower-cased when no row matches); the override is `sql` from the SQL date or the
-- lifecycle stage salesqualifiedlead, else the stage opportunity or customer as such [D5].
with contact_versions as (
    select * from {{ ref('int_hubspot__contact_versions') }}
),

contact_companies as (
    {%- if connector_table_enabled('hubspot', 'contact_company') %}
        select * from {{ ref('stg_hubspot__contact_companies') }}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as contact_id,
        cast(null as {{ dbt.type_string() }}) as company_id,
        cast(null as {{ scoring_type_double() }}) as association_type_id
    where 1 = 0
    {%- endif %}
),

primary_companies as (
    select
        contact_id,
        min(company_id) as company_id
    from contact_companies
    where association_type_id = 1
    group by contact_id
),

lead_sources as (
    {{ connector_value_matches('contact_versions', 'analytics_source', 'hubspot', 'lead_source') }}
),

with_overrides as (
    select
        contact_versions.*,
        case
            when sales_qualified_at is not null or lower(lifecycle_stage) = 'salesqualifiedlead' then 'sql'
            when lower(lifecycle_stage) in ('opportunity', 'customer') then lower(lifecycle_stage)
        end as lifecycle_stage_override
    from contact_versions
),

mapped as (
    select
        contact_versions.contact_id,
        contact_versions.email,
        contact_versions.first_name,
        contact_versions.last_name,
        contact_versions.job_title,
        contact_versions.department,
        contact_versions.education_level,
        coalesce(contact_versions.associated_company_id, primary_companies.company_id) as company_id,
        contact_versions.country,
        coalesce(lead_sources.mapped_value, lower(trim(contact_versions.analytics_source))) as lead_source,
        contact_versions.owner_id,
        contact_versions.budget_status,
        contact_versions.purchase_timeline,
        cast(contact_versions.has_existing_solution as {{ dbt.type_string() }}) as has_existing_solution,
        cast(contact_versions.is_email_opted_out as {{ dbt.type_string() }}) as email_opt_out,
        contact_versions.lifecycle_stage_override,
        case
            when contact_versions.lifecycle_stage_override = 'sql'
                then {{ timestamp_text('contact_versions.sales_qualified_at') }}
        end as lifecycle_stage_override_at,
        {{ timestamp_text('contact_versions.created_at') }} as created_at,
        {{ timestamp_text('contact_versions.version_at') }} as updated_at
    from with_overrides as contact_versions
    left join primary_companies
        on contact_versions.contact_id = primary_companies.contact_id
    left join lead_sources
        on lower(trim(contact_versions.analytics_source)) = lead_sources.source_text
)

select * from mapped
