{{ config(enabled=connector_table_enabled('hubspot', 'engagement')) }}

-- HubSpot engagements (calls, e-mails, meetings, ...), one row per engagement (Fivetran
-- `engagement`). The columns the connector mapping reads, typed whatever type they were landed with
-- and renamed, as the sources YAML declares them (macro connector_columns).
with engagements as (
    select
        {{- connector_columns('hubspot', 'engagement', disabled_by='hubspot_engagement_enabled') }}
    from {{ source('hubspot', 'engagement') }}
)

select * from engagements
