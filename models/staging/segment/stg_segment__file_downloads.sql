{{ config(enabled=connector_table_enabled('segment', 'file_downloaded')) }}

-- Segment track event File Downloaded, one row per download (table `file_downloaded`). The columns
-- the connector mapping reads, typed whatever type they were landed with and renamed, as the
-- sources YAML declares them (macro connector_columns).
with file_downloads as (
    select
        {{- connector_columns('segment', 'file_downloaded') }}
    from {{ source('segment', 'file_downloaded') }}
)

select * from file_downloads
