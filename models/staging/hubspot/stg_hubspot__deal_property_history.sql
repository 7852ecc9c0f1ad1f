{{ config(enabled=connector_table_enabled('hubspot', 'deal_property_history')) }}

-- Changes of HubSpot deal properties, one row per change (Fivetran `deal_property_history`). The
-- columns the connector mapping reads, typed whatever type they were landed with and renamed, as
-- the sources YAML declares them (macro connector_columns).
with deal_property_history as (
    select
        {{- connector_columns(
            'hubspot',
            'deal_property_history',
            disabled_by='hubspot_deal_property_history_enabled'
        ) }}
    from {{ source('hubspot', 'deal_property_history') }}
)

select * from deal_property_history
