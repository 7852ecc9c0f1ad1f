-- First deal created and first deal won per contact, on or before as_of_date (deals as they stand
-- on as_of_date). A won deal without closed_at counts as won on the day of its last update.
with deals as (
    select * from {{ ref('stg_crm__deals') }}
    where contact_id is not null
),

dated as (
    select
        contact_id,
        cast(created_at as date) as deal_created_date,
        case
            when deal_stage = 'won' then cast(coalesce(closed_at, updated_at) as date)
        end as deal_won_date
    from deals
),

per_contact as (
    select
        contact_id,
        min(deal_created_date) as first_deal_created_date,
        min(deal_won_date) as first_deal_won_date
    from dated
    where deal_created_date <= {{ as_of_date() }}
    group by contact_id
),

final as (
    select
        contact_id,
        first_deal_created_date,
        case
            when first_deal_won_date <= {{ as_of_date() }} then first_deal_won_date
        end as first_deal_won_date
    from per_contact
)

select * from final
