{{ config(enabled=connector_table_enabled('salesforce', 'campaign')) }}

-- Salesforce campaigns (Fivetran `campaign`). The columns the connector mapping reads, typed
-- whatever type they were landed with and renamed, as the sources YAML declares them (macro
-- connector_columns).
with campaigns as (
    select
        {{- connector_columns('salesforce', 'campaign') }}
    from {{ source('salesforce', 'campaign') }}
)

select * from campaigns
