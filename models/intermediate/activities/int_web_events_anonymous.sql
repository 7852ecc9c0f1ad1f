{{ config(materialized='view') }}

-- Web events of visitors never identified as a contact (and not bots): kept, counted, not scored.
-- A view: a filter of int_web_events_stitched, which holds them already.
select
    event_id,
    anonymous_id,
    event_type,
    page_path,
    video_percent,
    user_agent,
    utm_source,
    utm_medium,
    utm_campaign,
    occurred_at,
    contact_id,
    contact_resolved_by,
    traffic_class
from {{ ref('int_web_events_stitched') }}
where traffic_class = 'anonymous'
