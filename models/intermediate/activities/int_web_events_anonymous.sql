{{ config(materialized='view') }}

-- Web events of visitors never identified as a contact (and not bots): kept, counted, not scored.
-- A view: a filter of int_web_events_stitched, which holds them already.
{{ web_events_of_traffic_class('anonymous') }}
