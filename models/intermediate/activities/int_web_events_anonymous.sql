-- Web events of visitors never identified as a contact (and not bots): kept, counted, not scored.
select * from {{ ref('int_web_events_stitched') }}
where traffic_class = 'anonymous'
