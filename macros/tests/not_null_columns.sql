{#- Fails for every listed column that is null on some row: dbt's not_null on each of them, in one
    scan of the model, with one failing row per column that has nulls (`column_name`, `null_rows`).
    One test node for a model's required columns instead of one per column: a node costs dbt more
    than the scan of a small table. -#}
{% test not_null_columns(model, columns) %}
    {{ return(adapter.dispatch('test_not_null_columns', 'lead_scoring')(model, columns)) }}
{% endtest %}

{% macro default__test_not_null_columns(model, columns) %}
{%- if execute and not columns -%}
    {{ exceptions.raise_compiler_error("not_null_columns on " ~ model ~ " needs at least one column") }}
{%- endif %}
with null_counts as (
    select
        {%- for column in columns %}
        count(*) - count({{ column }}) as null_rows_{{ loop.index }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ model }}
)

{% for column in columns -%}
select
    '{{ column }}' as column_name,
    null_rows_{{ loop.index }} as null_rows
from null_counts
where null_rows_{{ loop.index }} > 0
{% if not loop.last %}union all
{% endif %}
{%- endfor %}
{% endmacro %}
