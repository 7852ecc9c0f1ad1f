{{ config(enabled=lead_scoring_source('events') != 'raw', materialized='view') }}
{%- set connector = lead_scoring_source('events') %}

-- The raw table event_attendance (SPEC §1) when var lead_scoring_sources reads the area events from a
-- connector: its mapped rows, exactly the raw contract's columns as text, read by the base
-- model in place of the raw table (macro raw_relation). `none`: no rows.
with mapped as (
    {%- if connector == 'salesforce' %}
        select * from {{ ref('int_salesforce__event_attendance') }}
    {%- else %}
    {{ empty_raw_rows('event_attendance') }}
    {%- endif %}
),

contract as (
    select
        {{- raw_contract_select('event_attendance', 'mapped') }}
    from mapped
)

select * from contract
