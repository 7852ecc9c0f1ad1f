-- The snapshots the predictive score learns from: one row per training day t and contact that
-- exists on t and is not a customer on t. Every scoring day but as_of_date is a training day
-- (int_scoring_days: t = as_of_date − n × W, n ≥ 1, W = conversion_window_days). The label: the
-- contact's first deal is won in (t, t + W], as known on t + W, the scoring day before it (its
-- deals as of that day, int_contact_deal_dates); its features are the ones of day t
-- (int_prediction_features), read as the rules engine reads that day. A contact is a training row
-- on every training day it exists on.
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

training_days as (
    select
        training_day.scoring_day,
        training_day.scoring_date,
        training_day.scoring_day_number,
        label_day.scoring_day as label_scoring_day,
        label_day.scoring_date as label_window_end_date
    from scoring_days as training_day
    inner join scoring_days as label_day
        on training_day.scoring_day_number = label_day.scoring_day_number + 1
),

final as (
    select
        training_days.scoring_day,
        training_days.scoring_date,
        training_days.scoring_day_number,
        contacts.contact_id,
        training_days.label_window_end_date,
        label_deals.first_deal_won_date,
        coalesce(
            label_deals.first_deal_won_date > training_days.scoring_date
            and label_deals.first_deal_won_date <= training_days.label_window_end_date,
            false
        ) as is_won
    from training_days
    inner join contacts
        on training_days.scoring_day = contacts.scoring_day
    left join deals as day_deals
        on training_days.scoring_day = day_deals.scoring_day
            and contacts.contact_id = day_deals.contact_id
    left join deals as label_deals
        on training_days.label_scoring_day = label_deals.scoring_day
            and contacts.contact_id = label_deals.contact_id
    -- a customer on the training day has nothing left to convert
    where day_deals.first_deal_won_date is null
)

select * from final
