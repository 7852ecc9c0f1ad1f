{{ config(enabled=connector_table_enabled('segment', 'video_content_playing')) }}

-- Segment video spec heartbeat Video Content Playing, one row per heartbeat (table
-- `video_content_playing`). The columns the connector mapping reads, typed whatever type they were
-- landed with and renamed, as the sources YAML declares them (macro connector_columns).
with video_content_playing as (
    select
        {{- connector_columns('segment', 'video_content_playing') }}
    from {{ source('segment', 'video_content_playing') }}
)

select * from video_content_playing
