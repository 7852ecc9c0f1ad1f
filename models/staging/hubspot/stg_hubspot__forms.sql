{{ config(enabled=connector_table_enabled('hubspot', 'form')) }}

-- HubSpot forms (Fivetran `form`). The columns the connector mapping reads, typed whatever type
-- they were landed with and renamed, as the sources YAML declares them (macro connector_columns).
with forms as (
    select
        {{- connector_columns('hubspot', 'form') }}
    from {{ source('hubspot', 'form') }}
)

select * from forms
