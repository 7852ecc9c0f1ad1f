{{ config(materialized='table') }}

with source as (
    {{ raw_source_rows('email', 'email_campaigns') }}
),

typed as (
    select
        -- ids
        campaign_id,
        -- attributes
        name as campaign_name,
        raw_row,
        lower(campaign_type) as campaign_type
    from source
),

checked as (
    select
        typed.*,
        case
            {{ ragged_row_problem() }}
            when campaign_id is null then 'missing campaign_id'
            when campaign_type is null then 'missing campaign_type'
            {{ unknown_value_problem('campaign_type', 'accepted_campaign_types') }}
        end as row_problem
    from typed
),

classified as (
    {{ classify_rows('checked', 'campaign_id', 'campaign_id') }}
)

select * from classified
