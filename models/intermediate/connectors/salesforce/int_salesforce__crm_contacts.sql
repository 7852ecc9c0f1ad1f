{{ config(enabled=lead_scoring_source('crm') == 'salesforce') }}
{%- set contact_custom = salesforce_custom_columns('contact') | map(attribute='alias') | list %}
{%- set lead_custom = salesforce_custom_columns('lead') | map(attribute='alias') | list %}
{%- set leads_enabled = connector_var_enabled('salesforce__lead_enabled') %}

-- crm_contacts (SPEC §1) from Salesforce (SPEC §1b.4), as text: every Contact and every Lead not
-- converted, one row per version [D16]. A converted Lead is no person of its own: its Contact's
-- created_at is the earliest of the Contact's and its converted Leads' created dates [D17]. A
-- Lead's company is a company of its own, keyed by the Lead's id, when `company` is set [D18].
-- Versions: history mode (vars salesforce__contact_history_enabled,
-- salesforce__lead_history_enabled), else the current row (macro salesforce_record_versions).
-- Columns without a standard field come from the custom fields that vars
-- salesforce_contact_custom_fields and salesforce_lead_custom_fields name, else null.
with contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

contact_versions as (
    {{ salesforce_record_versions(
        ref('stg_salesforce__contacts'),
        ref('stg_salesforce_history__contacts') if connector_table_enabled('salesforce_history', 'contact') else none,
        'contact_id',
        ['account_id', 'email', 'first_name', 'last_name', 'title', 'department', 'mailing_country_code',
         'mailing_country', 'lead_source', 'owner_id', 'has_opted_out_of_email'] + contact_custom,
        connector_table_enabled('salesforce_history', 'contact')) }}
),

{%- if leads_enabled %}

    leads as (
        select * from {{ ref('stg_salesforce__leads') }}
        where not coalesce(is_deleted, false)
    ),

    lead_versions as (
    {{ salesforce_record_versions(
        ref('stg_salesforce__leads'),
        ref('stg_salesforce_history__leads') if connector_table_enabled('salesforce_history', 'lead') else none,
        'lead_id',
        ['email', 'first_name', 'last_name', 'title', 'company_name', 'country_code', 'country',
         'lead_source', 'owner_id', 'has_opted_out_of_email'] + lead_custom,
        connector_table_enabled('salesforce_history', 'lead')) }}
    ),

    converted_leads as (
        select
            converted_contact_id as contact_id,
            min(created_at) as first_created_at
        from leads
        where is_converted and converted_contact_id is not null
        group by converted_contact_id
    ),
{%- endif %}

contact_rows as (
    select
        contact_versions.contact_id,
        contact_versions.email,
        contact_versions.first_name,
        contact_versions.last_name,
        contact_versions.title as job_title,
        contact_versions.department,
        contact_versions.education_level,
        contact_versions.account_id as company_id,
        coalesce(contact_versions.mailing_country_code, contact_versions.mailing_country) as country,
        contact_versions.lead_source as lead_source_value,
        contact_versions.owner_id,
        contact_versions.budget_status,
        contact_versions.purchase_timeline,
        contact_versions.has_existing_solution,
        contact_versions.has_opted_out_of_email as email_opt_out,
        contact_versions.lifecycle_stage_override,
        contact_versions.lifecycle_stage_override_at,
        {%- if leads_enabled %}
            case
                when converted_leads.first_created_at < contacts.created_at
                    or contacts.created_at is null
                    then converted_leads.first_created_at
                else contacts.created_at
            end as created_at,
        {%- else %}
        contacts.created_at,
        {%- endif %}
        contact_versions.version_at as updated_at
    from contact_versions
    inner join contacts
        on contact_versions.contact_id = contacts.contact_id
    {%- if leads_enabled %}
        left join converted_leads
            on contact_versions.contact_id = converted_leads.contact_id
    {%- endif %}
),

{%- if leads_enabled %}

    lead_rows as (
        select
            lead_versions.lead_id as contact_id,
            lead_versions.email,
            lead_versions.first_name,
            lead_versions.last_name,
            lead_versions.title as job_title,
            lead_versions.department,
            lead_versions.education_level,
            case when lead_versions.company_name is not null then lead_versions.lead_id end as company_id,
            coalesce(lead_versions.country_code, lead_versions.country) as country,
            lead_versions.lead_source as lead_source_value,
            lead_versions.owner_id,
            lead_versions.budget_status,
            lead_versions.purchase_timeline,
            lead_versions.has_existing_solution,
            lead_versions.has_opted_out_of_email as email_opt_out,
            lead_versions.lifecycle_stage_override,
            lead_versions.lifecycle_stage_override_at,
            leads.created_at,
            lead_versions.version_at as updated_at
        from lead_versions
        inner join leads
            on lead_versions.lead_id = leads.lead_id
        where not coalesce(leads.is_converted, false)
    ),
{%- endif %}

people as (
    select * from contact_rows
    {%- if leads_enabled %}
        union all
        select * from lead_rows
    {%- endif %}
),

lead_sources as (
    {{ connector_value_matches('people', 'lead_source_value', 'salesforce', 'lead_source') }}
),

mapped as (
    select
        people.contact_id,
        people.email,
        people.first_name,
        people.last_name,
        people.job_title,
        people.department,
        people.education_level,
        people.company_id,
        people.country,
        coalesce(lead_sources.mapped_value, lower(trim(people.lead_source_value))) as lead_source,
        people.owner_id,
        people.budget_status,
        people.purchase_timeline,
        cast(people.has_existing_solution as {{ dbt.type_string() }}) as has_existing_solution,
        cast(people.email_opt_out as {{ dbt.type_string() }}) as email_opt_out,
        people.lifecycle_stage_override,
        {{ timestamp_text('people.lifecycle_stage_override_at') }} as lifecycle_stage_override_at,
        {{ timestamp_text('people.created_at') }} as created_at,
        {{ timestamp_text('people.updated_at') }} as updated_at
    from people
    left join lead_sources
        on lower(trim(people.lead_source_value)) = lead_sources.source_text
)

select * from mapped
