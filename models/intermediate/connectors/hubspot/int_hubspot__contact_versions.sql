{{ config(enabled=lead_scoring_source('crm') == 'hubspot') }}
{%- set properties = [
    {'property': 'email', 'column': 'email', 'data_type': 'string'},
    {'property': 'firstname', 'column': 'first_name', 'data_type': 'string'},
    {'property': 'lastname', 'column': 'last_name', 'data_type': 'string'},
    {'property': 'jobtitle', 'column': 'job_title', 'data_type': 'string'},
    {'property': 'associatedcompanyid', 'column': 'associated_company_id', 'data_type': 'string'},
    {'property': 'country', 'column': 'country', 'data_type': 'string'},
    {'property': 'hs_analytics_source', 'column': 'analytics_source', 'data_type': 'string'},
    {'property': 'hubspot_owner_id', 'column': 'owner_id', 'data_type': 'string'},
    {'property': 'hs_email_optout', 'column': 'is_email_opted_out', 'data_type': 'boolean'},
    {'property': 'lifecyclestage', 'column': 'lifecycle_stage', 'data_type': 'string'},
    {'property': 'hs_lifecyclestage_salesqualifiedlead_date', 'column': 'sales_qualified_at',
     'data_type': 'timestamp'},
] -%}
{%- for custom in hubspot_contact_custom_columns() -%}
    {%- do properties.append(
        {'property': custom.property, 'column': custom.alias, 'data_type': custom.data_type}
    ) -%}
{%- endfor %}

-- The versions of each HubSpot contact (SPEC §1b.3): one row per contact and version time, from
-- its property history (var hubspot_contact_property_history_enabled, default true) or, without
-- it, the current row alone at its lastmodifieddate (macro hubspot_record_versions). Deleted
-- contacts are not read.
with contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not coalesce(is_deleted, false)
),

property_history as (
    {%- if connector_table_enabled('hubspot', 'contact_property_history') %}
        select * from {{ ref('stg_hubspot__contact_property_history') }}
    {%- else %}
    {{ empty_property_history('contact_id') }}
    {%- endif %}
),

versions as (
    {{ hubspot_record_versions('contacts', 'property_history', 'contact_id', properties) }}
),

with_created_at as (
    select
        versions.*,
        contacts.created_at
    from versions
    inner join contacts
        on versions.contact_id = contacts.contact_id
)

select * from with_created_at
