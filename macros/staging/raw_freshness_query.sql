{#- The query `dbt source freshness` runs on a raw table (its sources YAML's loaded_at_query): the
    latest timestamp of one raw column, read as the base models read it (text in raw, trimmed and
    parsed by parse_timestamp; a typed column from parquet or an EL tool alike), leaving out the
    unparsable values and the future ones (on a day after the day that follows the later of
    as_of_date and today, which staging quarantines). A table without such a value (empty)
    counts as loaded on 1970-01-01: stale, not a runtime error. A plain loaded_at_field cannot do
    it: dbt needs a timestamp, and raw timestamps are text. Rendered by dbt at run time, where
    `this` is the raw table. -#}
{% macro raw_freshness_query(timestamp_column) -%}
    select coalesce(max(loaded_at), cast('1970-01-01 00:00:00' as {{ dbt.type_timestamp() }}))
        as loaded_at
    from (
        select {{ parse_timestamp(clean_text(timestamp_column, 'timestamp')) }} as loaded_at
        from {{ this }}
    ) as parsed
    where loaded_at < {{ dbt.dateadd('day', 2, future_reference_date()) }}
{%- endmacro %}
