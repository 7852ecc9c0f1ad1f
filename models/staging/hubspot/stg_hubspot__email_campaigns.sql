{{ config(enabled=connector_table_enabled('hubspot', 'email_campaign')) }}

-- HubSpot marketing e-mail campaigns (Fivetran `email_campaign`). The columns the connector mapping
-- reads, typed whatever type they were landed with and renamed, as the sources YAML declares them
-- (macro connector_columns).
with email_campaigns as (
    select
        {{- connector_columns('hubspot', 'email_campaign') }}
    from {{ source('hubspot', 'email_campaign') }}
)

select * from email_campaigns
