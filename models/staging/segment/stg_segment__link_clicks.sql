{{ config(enabled=connector_table_enabled('segment', 'link_clicked')) }}

-- Segment track event Link Clicked, one row per click (table `link_clicked`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns).
with link_clicks as (
    select
        {{- connector_columns('segment', 'link_clicked') }}
    from {{ source('segment', 'link_clicked') }}
)

select * from link_clicks
