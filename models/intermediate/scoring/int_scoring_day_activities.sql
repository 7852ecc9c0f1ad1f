{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- The activities of each contact up to each scoring day: one row per scoring day and activity
-- (macros/scoring/scoring_day_activities.sql attributes them). Incremental by contact: a run
-- writes the activities of the contacts whose inputs changed (int_scoring_contact_fingerprints).
with changed as (
    {{ changed_scoring_contacts() }}
),

activities as (
    {{ scoring_day_activities() }}
),

final as (
    select
        activities.scoring_day,
        activities.activity_id,
        activities.contact_id,
        activities.activity,
        activities.detail,
        activities.detail_number,
        activities.occurred_at,
        activities.activity_date,
        changed.input_fingerprint
    from activities
    inner join changed
        on activities.scoring_day = changed.scoring_day
            and activities.contact_id = changed.contact_id
)

select * from final
