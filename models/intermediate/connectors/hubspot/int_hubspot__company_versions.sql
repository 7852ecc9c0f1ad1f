{{ config(enabled=lead_scoring_source('crm') == 'hubspot') }}
{%- set properties = [
    {'property': 'name', 'column': 'company_name', 'data_type': 'string'},
    {'property': 'domain', 'column': 'domain', 'data_type': 'string'},
    {'property': 'industry', 'column': 'industry', 'data_type': 'string'},
    {'property': 'numberofemployees', 'column': 'employee_count', 'data_type': 'number'},
    {'property': 'annualrevenue', 'column': 'annual_revenue', 'data_type': 'number'},
    {'property': 'country', 'column': 'country', 'data_type': 'string'},
] %}

-- The versions of each HubSpot company (SPEC §1b.3): one row per company and version time, from
-- its property history (var hubspot_company_property_history_enabled, default true) or, without
-- it, the current row alone at its hs_lastmodifieddate (macro hubspot_record_versions). Deleted
-- companies are not read.
with companies as (
    select * from {{ ref('stg_hubspot__companies') }}
    where not coalesce(is_deleted, false)
),

property_history as (
    {%- if connector_table_enabled('hubspot', 'company_property_history') %}
        select * from {{ ref('stg_hubspot__company_property_history') }}
    {%- else %}
    {{ empty_property_history('company_id') }}
    {%- endif %}
),

versions as (
    {{ hubspot_record_versions('companies', 'property_history', 'company_id', properties) }}
)

select * from versions
