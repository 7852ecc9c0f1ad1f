{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- The evaluation days of each contact before each scoring day: the day it was created, and every
-- later day with an activity, a deal created or won, or a CRM override, before the scoring day
-- (earlier days count as the creation day). The scoring day itself, an evaluation day of every
-- contact, is scored apart (int_lead_scores_on_scoring_day), so that these rows stay the same
-- from one day to the next for a contact whose inputs did not change: incremental by contact
-- (int_scoring_contact_fingerprints). Only the scoring days whose lifecycle stages are reported
-- (as_of_date and the backtest day: int_scoring_days.is_reported_day) have a history; the
-- training days of the predictive score are scored on the day itself only.
with changed as (
    {{ changed_scoring_contacts() }}
),

contacts as (
    select contacts.*
    from {{ ref('int_contacts_enriched') }} as contacts
    inner join changed
        on contacts.scoring_day = changed.scoring_day
            and contacts.contact_id = changed.contact_id
    inner join {{ ref('int_scoring_days') }} as scoring_days
        on contacts.scoring_day = scoring_days.scoring_day
    where scoring_days.is_reported_day
),

activity_days as (
    select activity_days.*
    from {{ ref('int_contact_activity_days') }} as activity_days
    inner join changed
        on activity_days.scoring_day = changed.scoring_day
            and activity_days.contact_id = changed.contact_id
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

candidate_days as (
    select
        scoring_day,
        contact_id,
        created_date as candidate_date
    from contacts
    union all
    select
        scoring_day,
        contact_id,
        activity_date as candidate_date
    from activity_days
    union all
    select
        scoring_day,
        contact_id,
        first_deal_created_date as candidate_date
    from deals
    union all
    select
        scoring_day,
        contact_id,
        first_deal_won_date as candidate_date
    from deals
    where first_deal_won_date is not null
    union all
    select
        scoring_day,
        contact_id,
        cast(lifecycle_stage_override_at as date) as candidate_date
    from contacts
    where lifecycle_stage_override = 'sql' and lifecycle_stage_override_at is not null
),

evaluation_days as (
    select distinct
        contacts.scoring_day,
        contacts.contact_id,
        greatest(candidate_days.candidate_date, contacts.created_date) as evaluation_date
    from candidate_days
    inner join contacts
        on candidate_days.scoring_day = contacts.scoring_day
            and candidate_days.contact_id = contacts.contact_id
    where candidate_days.candidate_date < contacts.scoring_date
        and contacts.created_date < contacts.scoring_date
),

final as (
    select
        evaluation_days.*,
        changed.input_fingerprint
    from evaluation_days
    inner join changed
        on evaluation_days.scoring_day = changed.scoring_day
            and evaluation_days.contact_id = changed.contact_id
)

select * from final
