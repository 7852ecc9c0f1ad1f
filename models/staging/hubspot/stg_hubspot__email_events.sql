{{ config(enabled=connector_table_enabled('hubspot', 'email_event')) }}

-- HubSpot marketing e-mail events, one row per event (Fivetran `email_event`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns).
with email_events as (
    select
        {{- connector_columns('hubspot', 'email_event') }}
    from {{ source('hubspot', 'email_event') }}
)

select * from email_events
