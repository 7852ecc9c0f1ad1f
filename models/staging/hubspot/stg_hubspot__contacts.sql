{{ config(enabled=connector_table_enabled('hubspot', 'contact')) }}

-- HubSpot contacts, one row per contact, current values (Fivetran `contact`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns); then the custom properties that var
-- hubspot_contact_custom_properties names (a column it does not name is null).
with contacts as (
    select
        {{- connector_columns('hubspot', 'contact', extra_columns=hubspot_contact_custom_columns()) }}
    from {{ source('hubspot', 'contact') }}
)

select * from contacts
