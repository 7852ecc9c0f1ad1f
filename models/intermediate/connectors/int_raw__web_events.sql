{{ config(enabled=lead_scoring_source('web') != 'raw', materialized='view') }}
{%- set connector = lead_scoring_source('web') %}

-- The raw table web_events (SPEC §1) when var lead_scoring_sources reads the area web from a
-- connector: its mapped rows, exactly the raw contract's columns as text, read by the base
-- model in place of the raw table (macro raw_relation). `none`: no rows.
with mapped as (
    {%- if connector == 'segment' %}
        select * from {{ ref('int_segment__web_events') }}
    {%- else %}
    {{ empty_raw_rows('web_events') }}
    {%- endif %}
),

contract as (
    select
        {{- raw_contract_select('web_events', 'mapped') }}
    from mapped
)

select * from contract
