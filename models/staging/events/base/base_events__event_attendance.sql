{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_raw_days('event_attendance') }}",
    on_schema_change='fail',
) }}

-- Incremental by raw day (macros/staging/incremental_events.sql): a run classifies again only the
-- raw days whose rows or context changed.
with {{ incremental_raw_days('event_attendance') }},

source as (
    {{ incremental_raw_source_rows('event_attendance') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
),

typed as (
    select
        source.raw_day,
        -- ids
        source.registration_id,
        source.contact_id,
        -- attributes
        source.event_name,
        lower(source.event_type) as event_type,
        coalesce({{ parse_boolean('source.attended') }}, false) as is_attended,
        -- metrics
        {{ parse_non_negative_number('source.minutes_attended') }} as minutes_attended,
        -- timestamps
        {{ parse_date('source.event_date') }} as event_date,
        source.event_date as event_date_text,
        {{ parse_timestamp('source.registered_at') }} as registered_at,
        source.registered_at as registered_at_text,
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
            when registration_id is null then 'missing registration_id'
            when event_type is null then 'missing event_type'
            {{ unknown_value_problem('event_type', 'accepted_event_types') }}
            {{ timestamp_problems('registered_at') }}
            -- an event weeks ahead is no future timestamp (SPEC §2): its registration counts at
            -- registered_at, its attendance once event_date is reached
            {{ timestamp_problems('event_date', future=false) }}
            {{ after_as_of_stops_checks('registered_at') }}
            when contact_id is null then 'missing contact_id'
            when not has_known_contact then 'unknown contact_id'
        end as row_problem
    from typed
),

classified as (
    {{ classify_rows('checked', 'registration_id', 'registered_at', after_as_of_column='registered_at') }}
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
