{{ config(enabled=connector_table_enabled('salesforce_history', 'lead')) }}

-- Versions of Salesforce leads (Fivetran history mode). The columns the connector mapping reads,
-- typed whatever type they were landed with and renamed, as the sources YAML declares them (macro
-- connector_columns); then the custom fields that var salesforce_lead_custom_fields names (a column
-- it does not name is null).
with leads as (
    select
        {{- connector_columns(
            'salesforce_history',
            'lead',
            extra_columns=salesforce_custom_columns('lead'),
            disabled_by='salesforce__lead_history_enabled'
        ) }}
    from {{ source('salesforce_history', 'lead') }}
)

select * from leads
