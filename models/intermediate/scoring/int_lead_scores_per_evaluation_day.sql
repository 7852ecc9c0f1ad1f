{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- Scores and the computed lifecycle stage of every contact on each of its evaluation days before
-- the scoring day (macros/scoring/lead_scores.sql), per scoring day, with the highest stage
-- reached up to each day. The scoring day itself: int_lead_scores_on_scoring_day. Incremental
-- by contact (int_scoring_contact_fingerprints).
with changed as (
    {{ changed_scoring_contacts() }}
),

evaluation_days as (
    select
        evaluation_days.scoring_day,
        evaluation_days.contact_id,
        evaluation_days.evaluation_date
    from {{ ref('int_contact_evaluation_days') }} as evaluation_days
    inner join changed
        on evaluation_days.scoring_day = changed.scoring_day
            and evaluation_days.contact_id = changed.contact_id
),

contacts as (
    select contacts.*
    from {{ ref('int_contacts_enriched') }} as contacts
    inner join changed
        on contacts.scoring_day = changed.scoring_day
            and contacts.contact_id = changed.contact_id
),

fit as (
    select fit.*
    from {{ ref('int_contact_fit_scores') }} as fit
    inner join changed
        on fit.scoring_day = changed.scoring_day
            and fit.contact_id = changed.contact_id
),

rule_scores as (
    select rule_scores.*
    from {{ ref('int_interest_rule_scores_per_evaluation_day') }} as rule_scores
    inner join changed
        on rule_scores.scoring_day = changed.scoring_day
            and rule_scores.contact_id = changed.contact_id
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

{{ lead_scores_on_days() }},

final as (
    select
        lead_scores.*,
        max(lead_scores.computed_stage_rank) over (
            partition by lead_scores.scoring_day, lead_scores.contact_id
            order by lead_scores.evaluation_date
            rows between unbounded preceding and current row
        ) as reached_stage_rank,
        changed.input_fingerprint
    from lead_scores
    inner join changed
        on lead_scores.scoring_day = changed.scoring_day
            and lead_scores.contact_id = changed.contact_id
)

select * from final
