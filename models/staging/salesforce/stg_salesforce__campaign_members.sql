{{ config(enabled=connector_table_enabled('salesforce', 'campaign_member')) }}

-- Members of Salesforce campaigns, one row per member (Fivetran `campaign_member`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns).
with campaign_members as (
    select
        {{- connector_columns('salesforce', 'campaign_member') }}
    from {{ source('salesforce', 'campaign_member') }}
)

select * from campaign_members
