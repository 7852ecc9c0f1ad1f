{{ config(enabled=connector_table_enabled('hubspot', 'company_property_history')) }}

-- Changes of HubSpot company properties, one row per change (Fivetran `company_property_history`).
-- The columns the connector mapping reads, typed whatever type they were landed with and renamed,
-- as the sources YAML declares them (macro connector_columns).
with company_property_history as (
    select
        {{- connector_columns(
            'hubspot',
            'company_property_history',
            disabled_by='hubspot_company_property_history_enabled'
        ) }}
    from {{ source('hubspot', 'company_property_history') }}
)

select * from company_property_history
