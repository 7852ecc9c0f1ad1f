{{ config(materialized='table') }}

with source as (
    {{ raw_source_rows('crm', 'crm_deals') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
),

typed as (
    select
        -- ids
        source.deal_id,
        source.contact_id,
        source.company_id,
        -- attributes
        lower(source.deal_stage) as deal_stage,
        -- metrics
        {{ parse_non_negative_number('source.amount') }} as amount,
        -- timestamps
        {{ parse_timestamp('source.created_at') }} as created_at,
        source.created_at as created_at_text,
        {{ parse_timestamp('source.closed_at') }} as closed_at,
        source.closed_at as closed_at_text,
        {{ parse_timestamp('source.updated_at') }} as updated_at,
        source.updated_at as updated_at_text,
        contacts.contact_id is not null as has_known_contact,
        source.raw_row
    from source
    left join contacts
        on source.contact_id = contacts.contact_id
),

checked as (
    select
        typed.*,
        case
            when deal_id is null then 'missing deal_id'
            when deal_stage is null then 'missing deal_stage'
            {{ unknown_value_problem('deal_stage', 'accepted_deal_stages') }}
            {{ timestamp_problems('created_at') }}
            {{ timestamp_problems('closed_at', required=false) }}
            {{ timestamp_problems('updated_at') }}
            {{ after_as_of_stops_checks('created_at') }}
            when contact_id is not null and not has_known_contact
                then 'unknown contact_id'
        end as row_problem
    from typed
),

classified as (
    {{ classify_versions('checked', 'deal_id', created_column='created_at') }}
)

select * from classified
