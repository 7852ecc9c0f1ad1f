{{ config(enabled=connector_table_enabled('hubspot', 'company')) }}

-- HubSpot companies, one row per company, current values (Fivetran `company`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns).
with companies as (
    select
        {{- connector_columns('hubspot', 'company') }}
    from {{ source('hubspot', 'company') }}
)

select * from companies
