{{ config(enabled=lead_scoring_source('crm') == 'hubspot') }}
{%- set properties = [
    {'property': 'dealstage', 'column': 'deal_stage_id', 'data_type': 'string'},
    {'property': 'amount', 'column': 'amount', 'data_type': 'number'},
    {'property': 'closedate', 'column': 'close_date', 'data_type': 'timestamp'},
    {'property': 'createdate', 'column': 'created_at_property', 'data_type': 'timestamp'},
] %}

-- The versions of each HubSpot deal (SPEC §1b.3): one row per deal and version time, from its
-- property history (var hubspot_deal_property_history_enabled, default true) or, without it, the
-- current row alone at its hs_lastmodifieddate (macro hubspot_record_versions). The current stage
-- is deal_pipeline_stage_id, else the property dealstage; created_at is the current row's.
-- Deleted deals are not read.
with deals as (
    select
        deals.*,
        coalesce(pipeline_stage_id, deal_stage_property) as deal_stage_id,
        created_at as created_at_property
    from {{ ref('stg_hubspot__deals') }} as deals
    where not coalesce(is_deleted, false)
),

property_history as (
    {%- if connector_table_enabled('hubspot', 'deal_property_history') %}
        select * from {{ ref('stg_hubspot__deal_property_history') }}
    {%- else %}
    {{ empty_property_history('deal_id') }}
    {%- endif %}
),

versions as (
    {{ hubspot_record_versions('deals', 'property_history', 'deal_id', properties) }}
),

with_created_at as (
    select
        versions.deal_id,
        versions.version_at,
        versions.deal_stage_id,
        versions.amount,
        versions.close_date,
        deals.created_at
    from versions
    inner join deals
        on versions.deal_id = deals.deal_id
)

select * from with_created_at
