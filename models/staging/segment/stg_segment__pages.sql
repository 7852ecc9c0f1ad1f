{{ config(enabled=connector_table_enabled('segment', 'pages')) }}

-- Segment page calls, one row per page view (table `pages`). The columns the connector mapping
-- reads, typed whatever type they were landed with and renamed, as the sources YAML declares them
-- (macro connector_columns).
with pages as (
    select
        {{- connector_columns('segment', 'pages') }}
    from {{ source('segment', 'pages') }}
)

select * from pages
