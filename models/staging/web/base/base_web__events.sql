{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_raw_days('web_events') }}",
    on_schema_change='fail',
) }}

-- Incremental by raw day (macros/staging/incremental_events.sql): a run classifies again only the
-- raw days whose rows or context changed.
with {{ incremental_raw_days('web_events') }},

source as (
    {{ incremental_raw_source_rows('web_events') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
),

typed as (
    select
        source.raw_day,
        -- ids
        source.event_id,
        source.anonymous_id,
        source.contact_id,
        -- attributes
        lower(source.event_type) as event_type,
        source.page_url,
        source.user_agent,
        source.utm_source,
        source.utm_medium,
        source.utm_campaign,
        -- metrics
        case
            when {{ parse_number('source.video_percent') }} between 0 and 100
                then {{ parse_number('source.video_percent') }}
        end as video_percent,
        -- timestamps
        {{ parse_timestamp('source.occurred_at') }} as occurred_at,
        source.occurred_at as occurred_at_text,
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
            {{ ragged_row_problem() }}
            when event_id is null then 'missing event_id'
            when event_type is null then 'missing event_type'
            {{ unknown_value_problem('event_type', 'accepted_web_event_types') }}
            {{ timestamp_problems('occurred_at') }}
            {{ after_as_of_stops_checks('occurred_at') }}
            when contact_id is null and anonymous_id is null
                then 'missing both contact_id and anonymous_id'
            when contact_id is not null and not has_known_contact
                then 'unknown contact_id'
        end as row_problem
    from typed
),

classified as (
    {{ classify_rows('checked', 'event_id', 'occurred_at', after_as_of_column='occurred_at') }}
),

final as (
    select
        classified.*,
        {{ incremental_raw_day_columns() }}
    from classified
    inner join raw_day_fingerprints
        on classified.raw_day = raw_day_fingerprints.raw_day
)

select * from final
