{{ config(enabled=connector_table_enabled('hubspot', 'deal')) }}

-- HubSpot deals, one row per deal, current values (Fivetran `deal`). The columns the connector
-- mapping reads, typed whatever type they were landed with and renamed, as the sources YAML
-- declares them (macro connector_columns).
with deals as (
    select
        {{- connector_columns('hubspot', 'deal') }}
    from {{ source('hubspot', 'deal') }}
)

select * from deals
