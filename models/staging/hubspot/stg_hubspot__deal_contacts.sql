{{ config(enabled=connector_table_enabled('hubspot', 'deal_contact')) }}

-- Associations of HubSpot deals with contacts (Fivetran `deal_contact`). The columns the connector
-- mapping reads, typed whatever type they were landed with and renamed, as the sources YAML
-- declares them (macro connector_columns).
with deal_contacts as (
    select
        {{- connector_columns('hubspot', 'deal_contact') }}
    from {{ source('hubspot', 'deal_contact') }}
)

select * from deal_contacts
