{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- What the lifecycle stage of a day needs to know about a contact's activity days, per scoring
-- day: whether the day had engagement (any activity but e-mail bounces and unsubscribes, for the
-- inactivity rule), how many conversions (form-like activities) of each kind it had, and its
-- latest activity. Incremental by contact (int_scoring_contact_fingerprints).
with changed as (
    {{ changed_scoring_contacts() }}
),

activities as (
    select activities.*
    from {{ ref('int_scoring_day_activities') }} as activities
    inner join changed
        on activities.scoring_day = changed.scoring_day
            and activities.contact_id = changed.contact_id
),

per_day as (
    select
        scoring_day,
        contact_id,
        activity_date,
        max(
            case when activity in ('email_bounce', 'email_unsubscribe') then 0 else 1 end
        ) as has_engagement,
        sum(case when activity = 'newsletter_signup' then 1 else 0 end) as newsletter_signups,
        sum(
            case
                when activity in (
                        'content_download', 'contact_request', 'demo_request', 'event_registration'
                    ) then 1
                else 0
            end
        ) as other_conversions,
        max(occurred_at) as last_occurred_at
    from activities
    group by scoring_day, contact_id, activity_date
),

final as (
    select
        per_day.*,
        changed.input_fingerprint
    from per_day
    inner join changed
        on per_day.scoring_day = changed.scoring_day
            and per_day.contact_id = changed.contact_id
)

select * from final
