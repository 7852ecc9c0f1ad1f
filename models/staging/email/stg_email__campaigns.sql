with base as (
    select * from {{ ref('base_email__campaigns') }}
),

clean as (
    select
        -- ids
        campaign_id,
        -- attributes
        campaign_name,
        campaign_type
    from base
    where row_status = 'clean'
)

select * from clean
