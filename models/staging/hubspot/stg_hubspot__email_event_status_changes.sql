{{ config(enabled=connector_table_enabled('hubspot', 'email_event_status_change')) }}

-- Details of HubSpot e-mail STATUSCHANGE events (Fivetran `email_event_status_change`). The columns
-- the connector mapping reads, typed whatever type they were landed with and renamed, as the
-- sources YAML declares them (macro connector_columns).
with email_event_status_changes as (
    select
        {{- connector_columns('hubspot', 'email_event_status_change') }}
    from {{ source('hubspot', 'email_event_status_change') }}
)

select * from email_event_status_changes
