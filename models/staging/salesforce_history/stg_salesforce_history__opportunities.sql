{{ config(enabled=connector_table_enabled('salesforce_history', 'opportunity')) }}

-- Versions of Salesforce opportunities (Fivetran history mode). The columns the connector mapping
-- reads, typed whatever type they were landed with and renamed, as the sources YAML declares them
-- (macro connector_columns).
with opportunities as (
    select
        {{- connector_columns(
            'salesforce_history',
            'opportunity',
            disabled_by='salesforce__opportunity_history_enabled'
        ) }}
    from {{ source('salesforce_history', 'opportunity') }}
)

select * from opportunities
