with base as (
    select * from {{ ref('base_crm__deals') }}
),

clean as (
    select
        -- ids
        deal_id,
        contact_id,
        company_id,
        -- attributes
        deal_stage,
        -- metrics
        amount,
        -- timestamps
        created_at,
        closed_at,
        updated_at
    from base
    where row_status = 'clean'
)

select * from clean
