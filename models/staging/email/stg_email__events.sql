with base as (
    select * from {{ ref('base_email__events') }}
),

clean as (
    select
        -- ids
        event_id,
        contact_id,
        campaign_id,
        -- attributes
        event_type,
        url,
        -- timestamps
        occurred_at,
        -- incremental bookkeeping (macros/staging/incremental_events.sql)
        raw_day,
        partition_version
    from base
    where row_status = 'clean'
)

select * from clean
