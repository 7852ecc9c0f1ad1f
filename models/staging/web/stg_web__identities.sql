with base as (
    select * from {{ ref('base_web__identities') }}
),

clean as (
    select
        -- ids
        anonymous_id,
        contact_id,
        -- timestamps
        identified_at
    from base
    where row_status = 'clean'
)

select * from clean
