{{ config(enabled=lead_scoring_source('email') != 'raw', materialized='view') }}
{%- set connector = lead_scoring_source('email') %}

-- The raw table email_campaigns (SPEC §1) when var lead_scoring_sources reads the area email from a
-- connector: its mapped rows, exactly the raw contract's columns as text, read by the base
-- model in place of the raw table (macro raw_relation). `none`: no rows.
with mapped as (
    {%- if connector == 'hubspot' %}
        select * from {{ ref('int_hubspot__email_campaigns') }}
    {%- else %}
    {{ empty_raw_rows('email_campaigns') }}
    {%- endif %}
),

contract as (
    select
        {{- raw_contract_select('email_campaigns', 'mapped') }}
    from mapped
)

select * from contract
