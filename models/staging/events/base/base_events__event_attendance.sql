{{ config(materialized='table') }}

with source as (
    {{ raw_source_rows('events', 'event_attendance') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
),

typed as (
    select
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
            {{ timestamp_problems('event_date') }}
            {{ after_as_of_stops_checks('registered_at') }}
            when contact_id is null then 'missing contact_id'
            when not has_known_contact then 'unknown contact_id'
        end as row_problem
    from typed
),

classified as (
    {{ classify_rows('checked', 'registration_id', 'registered_at', after_as_of_column='registered_at') }}
)

select * from classified
