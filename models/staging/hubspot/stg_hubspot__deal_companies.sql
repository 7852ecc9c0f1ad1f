{{ config(enabled=connector_table_enabled('hubspot', 'deal_company')) }}

-- Associations of HubSpot deals with companies (Fivetran `deal_company`). The columns the connector
-- mapping reads, typed whatever type they were landed with and renamed, as the sources YAML
-- declares them (macro connector_columns).
with deal_companies as (
    select
        {{- connector_columns('hubspot', 'deal_company') }}
    from {{ source('hubspot', 'deal_company') }}
)

select * from deal_companies
