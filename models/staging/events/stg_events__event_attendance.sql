with base as (
    select * from {{ ref('base_events__event_attendance') }}
),

clean as (
    select
        -- ids
        registration_id,
        contact_id,
        -- attributes
        event_name,
        event_type,
        is_attended,
        -- metrics
        minutes_attended,
        -- timestamps
        event_date,
        registered_at,
        -- incremental bookkeeping (macros/staging/incremental_events.sql)
        raw_day,
        partition_version
    from base
    where row_status = 'clean'
)

select * from clean
