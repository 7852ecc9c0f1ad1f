-- Evaluation days of each contact on each scoring day: the day it was created, every
-- later day with an activity, a deal created or won, or a CRM override, and the scoring day
-- itself. Earlier days count as the creation day.
with contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

activity_days as (
    select * from {{ ref('int_contact_activity_days') }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

candidate_days as (
    select
        scoring_date,
        contact_id,
        created_date as candidate_date
    from contacts
    union all
    select
        scoring_date,
        contact_id,
        scoring_date as candidate_date
    from contacts
    union all
    select
        scoring_date,
        contact_id,
        activity_date as candidate_date
    from activity_days
    union all
    select
        scoring_date,
        contact_id,
        first_deal_created_date as candidate_date
    from deals
    union all
    select
        scoring_date,
        contact_id,
        first_deal_won_date as candidate_date
    from deals
    where first_deal_won_date is not null
    union all
    select
        scoring_date,
        contact_id,
        cast(lifecycle_stage_override_at as date) as candidate_date
    from contacts
    where lifecycle_stage_override = 'sql' and lifecycle_stage_override_at is not null
),

evaluation_days as (
    select distinct
        contacts.scoring_date,
        contacts.contact_id,
        greatest(candidate_days.candidate_date, contacts.created_date) as evaluation_date
    from candidate_days
    inner join contacts
        on candidate_days.scoring_date = contacts.scoring_date
            and candidate_days.contact_id = contacts.contact_id
    where candidate_days.candidate_date <= contacts.scoring_date
)

select * from evaluation_days
