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
        occurred_at
    from base
    where row_status = 'clean'
)

select * from clean
