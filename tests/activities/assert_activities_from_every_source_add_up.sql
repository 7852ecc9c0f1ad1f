-- Every clean engagement row becomes its activities (SPEC §2): forms one each, e-mail events one
-- each except `sent`, event registrations one each plus one per attended registration whose event
-- day has come by as_of_date (the stream holds what happened up to as_of_date); web events:
-- assert_web_traffic_classes_add_up, by traffic class and utm_medium. Returns the sources whose
-- expected and actual activity counts differ.
with activity_counts as (
    select
        source_table,
        count(*) as activities
    from {{ ref('int_activities') }}
    group by source_table
),

expected_counts as (
    select
        'form_submissions' as source_table,
        (select count(*) from {{ ref('stg_forms__submissions') }}) as expected_activities
    union all
    select
        'email_events' as source_table,
        (
            select count(*) from {{ ref('stg_email__events') }}
            where event_type != 'sent'
        ) as expected_activities
    union all
    select
        'event_attendance' as source_table,
        (
            select
                count(*)
                + sum(case when is_attended and event_date <= {{ as_of_date() }} then 1 else 0 end)
            from {{ ref('stg_events__event_attendance') }}
        ) as expected_activities
),

compared as (
    select
        expected_counts.source_table,
        coalesce(expected_counts.expected_activities, 0) as expected_activities,
        coalesce(activity_counts.activities, 0) as activities
    from expected_counts
    left join activity_counts
        on expected_counts.source_table = activity_counts.source_table
)

select * from compared
where expected_activities != activities
