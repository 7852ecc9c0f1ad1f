{{ config(enabled=lead_scoring_source('forms') == 'hubspot') }}

-- form_submissions (SPEC §1) from HubSpot (SPEC §1b.3), as text: one row per contact form
-- submission. The form type is read from the form's name by seeds/connector_values.csv [D13]
-- (HubSpot's form_type, REGULAR or POPUP, is how the form is shown); null when no row matches or
-- the form is deleted, so staging quarantines the row as an unknown form type. asset_name is the
-- page title of a content download [D14]. With crm from HubSpot the submission's contact is
-- kept (after merges); with another CRM, contact_id is null and email is the HubSpot contact's,
-- so the e-mail matching of SPEC §2 finds the CRM's contact [D1].
{%- set crm_is_hubspot = lead_scoring_source('crm') == 'hubspot' %}
with submissions as (
    select * from {{ ref('stg_hubspot__contact_form_submissions') }}
),

forms as (
    select * from {{ ref('stg_hubspot__forms') }}
    where not coalesce(is_deleted, false)
),

form_types as (
    {{ connector_value_matches('forms', 'form_name', 'hubspot', 'form_type') }}
),

contact_merges as (
    select * from {{ ref('int_hubspot__contact_merges') }}
),

{%- if not crm_is_hubspot %}

hubspot_contacts as (
    select
        contact_id,
        email
    from {{ ref('stg_hubspot__contacts') }}
    where not coalesce(is_deleted, false)
),
{%- endif %}

resolved as (
    select
        submissions.*,
        coalesce(contact_merges.surviving_contact_id, submissions.contact_id) as resolved_contact_id,
        form_types.mapped_value as form_type
    from submissions
    left join contact_merges
        on submissions.contact_id = contact_merges.merged_contact_id
    left join forms
        on submissions.form_id = forms.form_id
    left join form_types
        on lower(trim(forms.form_name)) = form_types.source_text
),

mapped as (
    select
        resolved.submission_id,
        {%- if crm_is_hubspot %}
            resolved.resolved_contact_id as contact_id,
            cast(null as {{ dbt.type_string() }}) as email,
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as contact_id,
        hubspot_contacts.email,
        {%- endif %}
        resolved.form_type,
        case when resolved.form_type = 'content_download' then resolved.page_title end as asset_name,
        resolved.page_url,
        {{ timestamp_text('resolved.submitted_at') }} as submitted_at
    from resolved
    {%- if not crm_is_hubspot %}
    left join hubspot_contacts
        on resolved.resolved_contact_id = hubspot_contacts.contact_id
    {%- endif %}
)

select * from mapped
