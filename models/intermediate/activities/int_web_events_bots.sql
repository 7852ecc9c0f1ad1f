{{ config(materialized='view') }}

-- Web events whose user agent matches a bot pattern: kept, counted, never scored.
-- A view: a filter of int_web_events_stitched, which holds them already.
{{ web_events_of_traffic_class('bot') }}
