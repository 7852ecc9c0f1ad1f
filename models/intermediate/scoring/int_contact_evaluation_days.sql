-- Evaluation days of each contact (SPEC §4): the day it was created, every later day with an
-- activity, a deal created or won, or a CRM override, and as_of_date itself. Earlier days count
-- as the creation day. Carries what the stage of that day needs.
with contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

activities as (
    select
        contact_id,
        activity_date
    from {{ ref('int_activities') }}
    where activity_date <= {{ as_of_date() }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

candidate_days as (
    select
        contact_id,
        created_date as candidate_date
    from contacts
    union all
    select
        contact_id,
        {{ as_of_date() }} as candidate_date
    from contacts
    union all
    select
        contact_id,
        activity_date as candidate_date
    from activities
    union all
    select
        contact_id,
        first_deal_created_date as candidate_date
    from deals
    union all
    select
        contact_id,
        first_deal_won_date as candidate_date
    from deals
    where first_deal_won_date is not null
    union all
    select
        contact_id,
        cast(lifecycle_stage_override_at as date) as candidate_date
    from contacts
    where lifecycle_stage_override = 'sql' and lifecycle_stage_override_at is not null
),

evaluation_days as (
    select distinct
        contacts.contact_id,
        greatest(candidate_days.candidate_date, contacts.created_date) as evaluation_date
    from candidate_days
    inner join contacts
        on candidate_days.contact_id = contacts.contact_id
    where candidate_days.candidate_date <= {{ as_of_date() }}
)

select * from evaluation_days
