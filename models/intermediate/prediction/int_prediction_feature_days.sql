-- Who trains the predictive score on each scoring day, and as of which day its features are read
-- (SPEC §6, §4a). One row per scoring day and contact that exists on it:
--   training_label: 'won' when a deal of the contact is won by the scoring day; 'not_won' when the
--     contact was created at least conversion_window_days before the scoring day without a win;
--     null otherwise (too young to tell: scored, not trained on);
--   feature_date: the day the features stand as of, before the outcome: the scoring day for a
--     contact without a deal, else the day before its first deal (never before the contact's
--     creation day). Activities count only before the first deal's day.
with contacts as (
    select
        scoring_date,
        contact_id,
        created_date
    from {{ ref('int_contacts_enriched') }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

settings as (
    select * from {{ ref('int_prediction__settings') }}
),

dated as (
    select
        contacts.scoring_date,
        contacts.contact_id,
        contacts.created_date,
        deals.first_deal_created_date,
        deals.first_deal_won_date,
        cast({{ dbt.dateadd('day', -1, 'deals.first_deal_created_date') }} as date) as day_before_deal,
        cast(
            {{ dbt.dateadd(
                'day',
                '-1 * cast(settings.conversion_window_days as ' ~ dbt.type_int() ~ ')',
                'contacts.scoring_date') }}
            as date
        ) as labelled_created_by
    from contacts
    cross join settings
    left join deals
        on contacts.scoring_date = deals.scoring_date
            and contacts.contact_id = deals.contact_id
),

final as (
    select
        scoring_date,
        contact_id,
        created_date,
        first_deal_created_date,
        first_deal_won_date,
        case
            when first_deal_created_date is null then scoring_date
            when day_before_deal < created_date then created_date
            else day_before_deal
        end as feature_date,
        case
            when first_deal_won_date is not null then 'won'
            when created_date <= labelled_created_by then 'not_won'
        end as training_label
    from dated
)

select * from final
