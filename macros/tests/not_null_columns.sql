{#- Fails for every listed column that is null on some row: dbt's not_null on each of them, in one
    test node, with one failing row per column that has nulls (`column_name`, `null_rows`). One
    node for a model's required columns instead of one per column: on small tables a node costs
    dbt more than the query. -#}
{% test not_null_columns(model, columns) %}
    {{ return(adapter.dispatch('test_not_null_columns', 'lead_scoring')(model, columns)) }}
{% endtest %}

{#- One filter per column (`where column is null`), the query of dbt's not_null, which an engine
    that keeps null counts per block of rows (DuckDB, Parquet on Spark) can answer from those
    without reading the column. -#}
{% macro default__test_not_null_columns(model, columns) %}
{%- if execute and not columns -%}
    {{ exceptions.raise_compiler_error("not_null_columns on " ~ model ~ " needs at least one column") }}
{%- endif %}
{%- for column in columns %}
select
    '{{ column }}' as column_name,
    count(*) as null_rows
from {{ model }}
where {{ column }} is null
having count(*) > 0
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}
{% endmacro %}
