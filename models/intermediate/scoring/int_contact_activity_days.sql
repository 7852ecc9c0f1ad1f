-- What the lifecycle stage of a day needs to know about a contact's activity days, per scoring
-- day: whether the day had engagement (any activity but e-mail bounces and unsubscribes, for the
-- inactivity rule) and how many conversions (form-like activities) of each kind it had.
with activities as (
    select * from {{ ref('int_scoring_day_activities') }}
),

per_day as (
    select
        scoring_date,
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
        ) as other_conversions
    from activities
    group by scoring_date, contact_id, activity_date
)

select * from per_day
