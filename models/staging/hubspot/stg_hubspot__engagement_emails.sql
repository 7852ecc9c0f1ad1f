{{ config(enabled=connector_table_enabled('hubspot', 'engagement_email')) }}

-- E-mail engagements of HubSpot (Fivetran `engagement_email`). The columns the connector mapping
-- reads, typed whatever type they were landed with and renamed, as the sources YAML declares them
-- (macro connector_columns).
with engagement_emails as (
    select
        {{- connector_columns('hubspot', 'engagement_email', disabled_by='hubspot_engagement_enabled') }}
    from {{ source('hubspot', 'engagement_email') }}
)

select * from engagement_emails
