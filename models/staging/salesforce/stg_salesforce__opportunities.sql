{{ config(enabled=connector_table_enabled('salesforce', 'opportunity')) }}

-- Salesforce opportunities, one row per opportunity, current values (Fivetran `opportunity`). The
-- columns the connector mapping reads, typed whatever type they were landed with and renamed, as
-- the sources YAML declares them (macro connector_columns).
with opportunities as (
    select
        {{- connector_columns('salesforce', 'opportunity') }}
    from {{ source('salesforce', 'opportunity') }}
)

select * from opportunities
