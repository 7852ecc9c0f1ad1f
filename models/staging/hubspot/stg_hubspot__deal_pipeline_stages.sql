{{ config(enabled=connector_table_enabled('hubspot', 'deal_pipeline_stage')) }}

-- Stages of HubSpot deal pipelines (Fivetran `deal_pipeline_stage`). The columns the connector
-- mapping reads, typed whatever type they were landed with and renamed, as the sources YAML
-- declares them (macro connector_columns).
with deal_pipeline_stages as (
    select
        {{- connector_columns('hubspot', 'deal_pipeline_stage') }}
    from {{ source('hubspot', 'deal_pipeline_stage') }}
)

select * from deal_pipeline_stages
