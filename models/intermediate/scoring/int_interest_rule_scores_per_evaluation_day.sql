{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- Interest points per scoring day, contact, evaluation day before the scoring day and rule
-- (decay, windows and caps: macros/scoring/interest_rule_scores.sql; the scoring day itself:
-- int_interest_rule_scores_on_scoring_day). Incremental by contact
-- (int_scoring_contact_fingerprints).
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

daily_points as (
    select
        daily_points.scoring_day,
        daily_points.contact_id,
        daily_points.rule_id,
        daily_points.activity_date,
        daily_points.matches,
        daily_points.points
    from {{ ref('int_interest_rule_points_per_activity_day') }} as daily_points
    inner join changed
        on daily_points.scoring_day = changed.scoring_day
            and daily_points.contact_id = changed.contact_id
),

{{ interest_rule_scores_on_days() }},

final as (
    select
        interest_rule_scores.*,
        changed.input_fingerprint
    from interest_rule_scores
    inner join changed
        on interest_rule_scores.scoring_day = changed.scoring_day
            and interest_rule_scores.contact_id = changed.contact_id
)

select * from final
