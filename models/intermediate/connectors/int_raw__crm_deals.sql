{{ config(enabled=lead_scoring_source('crm') != 'raw', materialized='view') }}
{%- set connector = lead_scoring_source('crm') %}

-- The raw table crm_deals (SPEC §1) when var lead_scoring_sources reads the area crm from a
-- connector: its mapped rows, exactly the raw contract's columns as text, read by the base
-- model in place of the raw table (macro raw_relation). `none`: no rows.
with mapped as (
    {%- if connector == 'hubspot' %}
        select * from {{ ref('int_hubspot__crm_deals') }}
    {%- elif connector == 'salesforce' %}
    select * from {{ ref('int_salesforce__crm_deals') }}
    {%- else %}
    {{ empty_raw_rows('crm_deals') }}
    {%- endif %}
),

contract as (
    select
        {{- raw_contract_select('crm_deals', 'mapped') }}
    from mapped
)

select * from contract
