{{ config(enabled=connector_table_enabled('hubspot', 'contact_property_history')) }}

-- Changes of HubSpot contact properties, one row per change (Fivetran `contact_property_history`).
-- The columns the connector mapping reads, typed whatever type they were landed with and renamed,
-- as the sources YAML declares them (macro connector_columns).
with contact_property_history as (
    select
        {{- connector_columns(
            'hubspot',
            'contact_property_history',
            disabled_by='hubspot_contact_property_history_enabled'
        ) }}
    from {{ source('hubspot', 'contact_property_history') }}
)

select * from contact_property_history
