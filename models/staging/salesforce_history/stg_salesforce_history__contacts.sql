{{ config(enabled=connector_table_enabled('salesforce_history', 'contact')) }}

-- Versions of Salesforce contacts (Fivetran history mode). The columns the connector mapping reads,
-- typed whatever type they were landed with and renamed, as the sources YAML declares them (macro
-- connector_columns); then the custom fields that var salesforce_contact_custom_fields names (a
-- column it does not name is null).
with contacts as (
    select
        {{- connector_columns(
            'salesforce_history',
            'contact',
            extra_columns=salesforce_custom_columns('contact'),
            disabled_by='salesforce__contact_history_enabled'
        ) }}
    from {{ source('salesforce_history', 'contact') }}
)

select * from contacts
