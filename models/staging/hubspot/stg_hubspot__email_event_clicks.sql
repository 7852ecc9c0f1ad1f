{{ config(enabled=connector_table_enabled('hubspot', 'email_event_click')) }}

-- Details of HubSpot e-mail CLICK events (Fivetran `email_event_click`). The columns the connector
-- mapping reads, typed whatever type they were landed with and renamed, as the sources YAML
-- declares them (macro connector_columns).
with email_event_clicks as (
    select
        {{- connector_columns('hubspot', 'email_event_click') }}
    from {{ source('hubspot', 'email_event_click') }}
)

select * from email_event_clicks
