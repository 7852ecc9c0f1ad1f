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
        registered_at
    from base
    where row_status = 'clean'
)

select * from clean
