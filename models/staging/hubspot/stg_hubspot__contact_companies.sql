{{ config(enabled=connector_table_enabled('hubspot', 'contact_company')) }}

-- Associations of HubSpot contacts with companies (Fivetran `contact_company`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns).
with contact_companies as (
    select
        {{- connector_columns('hubspot', 'contact_company', disabled_by='hubspot_contact_company_enabled') }}
    from {{ source('hubspot', 'contact_company') }}
)

select * from contact_companies
