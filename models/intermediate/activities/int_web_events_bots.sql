-- Web events whose user agent matches a bot pattern: kept, counted, never scored.
select * from {{ ref('int_web_events_stitched') }}
where traffic_class = 'bot'
