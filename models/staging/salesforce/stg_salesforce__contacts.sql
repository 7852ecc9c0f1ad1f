{{ config(enabled=connector_table_enabled('salesforce', 'contact')) }}

-- Salesforce contacts, one row per contact, current values (Fivetran `contact`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns); then the custom fields that var
-- salesforce_contact_custom_fields names (a column it does not name is null).
with contacts as (
    select
        {{- connector_columns('salesforce', 'contact', extra_columns=salesforce_custom_columns('contact')) }}
    from {{ source('salesforce', 'contact') }}
)

select * from contacts
