-- First deal created and first deal won per contact on each scoring day: the deal
-- versions in force on that day, for deals created on or before it. A deal is won on the day only
-- when its version says won and its closed_at (updated_at when missing) is on or before the day;
-- a deal created before and won after the day is an open deal then (an opportunity). A deal
-- closed before it was created (an export error) is closed on its created_at (SPEC §4a): nothing
-- happens before a deal exists.
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

deal_versions as (
    select * from {{ ref('stg_crm__deal_versions') }}
    where contact_id is not null
),

deals as (
    select
        scoring_days.scoring_day,
        scoring_days.scoring_date,
        deal_versions.contact_id,
        cast(deal_versions.created_at as date) as deal_created_date,
        case
            when deal_versions.deal_stage = 'won'
                then greatest(
                        cast(deal_versions.created_at as date),
                        cast(coalesce(deal_versions.closed_at, deal_versions.updated_at) as date)
                    )
        end as deal_won_date
    from deal_versions
    inner join scoring_days
        on {{ version_valid_on('scoring_days.scoring_date', 'deal_versions') }}
    where cast(deal_versions.created_at as date) <= scoring_days.scoring_date
),

per_contact as (
    select
        scoring_day,
        scoring_date,
        contact_id,
        min(deal_created_date) as first_deal_created_date,
        min(case when deal_won_date <= scoring_date then deal_won_date end) as first_deal_won_date
    from deals
    group by scoring_day, scoring_date, contact_id
)

select * from per_contact
