{{ config(enabled=connector_table_enabled('salesforce', 'opportunity_contact_role')) }}

-- Contacts of Salesforce opportunities (Fivetran `opportunity_contact_role`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns).
with opportunity_contact_roles as (
    select
        {{- connector_columns('salesforce', 'opportunity_contact_role') }}
    from {{ source('salesforce', 'opportunity_contact_role') }}
)

select * from opportunity_contact_roles
