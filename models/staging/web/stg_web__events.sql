with base as (
    select * from {{ ref('base_web__events') }}
),

clean as (
    select
        -- ids
        event_id,
        anonymous_id,
        contact_id,
        -- attributes
        event_type,
        page_url,
        {{ normalize_page_path('page_url') }} as page_path,
        user_agent,
        utm_source,
        utm_medium,
        utm_campaign,
        -- metrics
        video_percent,
        -- timestamps
        occurred_at,
        -- incremental bookkeeping (macros/staging/incremental_events.sql)
        raw_day,
        partition_version
    from base
    where row_status = 'clean'
)

select * from clean
