-- No bot or anonymous web event reaches the activity stream: returns the web
-- activities whose event is not of traffic class `known`, or not a stitched event at all, or
-- whose contact differs from the stitched one.
with web_activities as (
    select * from {{ ref('int_activities') }}
    where source_table = 'web_events'
),

stitched as (
    select * from {{ ref('int_web_events_stitched') }}
)

select
    web_activities.activity_id,
    web_activities.contact_id,
    stitched.contact_id as stitched_contact_id,
    stitched.traffic_class
from web_activities
left join stitched
    on web_activities.source_row_id = stitched.event_id
where stitched.event_id is null
    or stitched.traffic_class != 'known'
    or stitched.contact_id != web_activities.contact_id
