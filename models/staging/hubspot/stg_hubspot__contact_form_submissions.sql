{{ config(enabled=connector_table_enabled('hubspot', 'contact_form_submission')) }}

-- Form submissions of HubSpot contacts, one row per submission (Fivetran
-- `contact_form_submission`). The columns the connector mapping reads, typed whatever type they
-- were landed with and renamed, as the sources YAML declares them (macro connector_columns).
with contact_form_submissions as (
    select
        {{- connector_columns('hubspot', 'contact_form_submission') }}
    from {{ source('hubspot', 'contact_form_submission') }}
)

select * from contact_form_submissions
