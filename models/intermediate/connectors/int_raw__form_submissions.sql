{{ config(enabled=lead_scoring_source('forms') != 'raw', materialized='view') }}
{%- set connector = lead_scoring_source('forms') %}

-- The raw table form_submissions (SPEC §1) when var lead_scoring_sources reads the area forms from a
-- connector: its mapped rows, exactly the raw contract's columns as text, read by the base
-- model in place of the raw table (macro raw_relation). `none`: no rows.
with mapped as (
    {%- if connector == 'hubspot' %}
        select * from {{ ref('int_hubspot__form_submissions') }}
    {%- else %}
    {{ empty_raw_rows('form_submissions') }}
    {%- endif %}
),

contract as (
    select
        {{- raw_contract_select('form_submissions', 'mapped') }}
    from mapped
)

select * from contract
