{{ config(enabled=connector_table_enabled('segment', 'identifies')) }}

-- Segment identify calls, one row per call, traits as columns (table `identifies`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns); then the e-mail trait (var segment_email_trait,
-- default email) as email.
with identifies as (
    select
        {{- connector_columns('segment', 'identifies', extra_columns=[
            {'name': var('segment_email_trait', 'email'), 'alias': 'email', 'data_type': 'string'}]) }}
    from {{ source('segment', 'identifies') }}
)

select * from identifies
