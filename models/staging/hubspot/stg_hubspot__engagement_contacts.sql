{{ config(enabled=connector_table_enabled('hubspot', 'engagement_contact')) }}

-- Associations of HubSpot engagements with contacts (Fivetran `engagement_contact`). The columns
-- the connector mapping reads, typed whatever type they were landed with and renamed, as the
-- sources YAML declares them (macro connector_columns).
with engagement_contacts as (
    select
        {{- connector_columns('hubspot', 'engagement_contact', disabled_by='hubspot_engagement_enabled') }}
    from {{ source('hubspot', 'engagement_contact') }}
)

select * from engagement_contacts
