{#- The materialization of the models that a run rebuilds in part (the incremental score models,
    the event base models and what reads them): incremental where the warehouse can delete rows,
    a table on Spark, whose plain tables cannot (there every run computes every row). -#}
{% macro incremental_materialization() -%}
    {{ return(adapter.dispatch('incremental_materialization', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__incremental_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__incremental_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- The fingerprint of one row: a text that changes when any of `expressions` (SQL expressions)
    changes. Dispatched: DuckDB hashes the values themselves; elsewhere the md5 of their text. -#}
{% macro row_fingerprint(expressions) -%}
    {{ return(adapter.dispatch('row_fingerprint', 'lead_scoring')(expressions)) }}
{%- endmacro %}

{% macro default__row_fingerprint(expressions) -%}
    {%- set parts = [] -%}
    {%- for expression in expressions -%}
        {%- do parts.append("coalesce(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    md5({{ dbt.concat(parts) }})
{%- endmacro %}

{% macro duckdb__row_fingerprint(expressions) -%}
    cast(hash({{ expressions | join(', ') }}) as {{ dbt.type_string() }})
{%- endmacro %}

{#- The fingerprint of a group of rows (an aggregate): a text that changes when a row of the group
    is added, removed or changed, whatever the order of the rows. `expressions` are the SQL
    expressions of one row. DuckDB sums the rows' hashes (exact, as a 38-digit decimal) and counts
    them; elsewhere the md5 of the sorted md5 texts of the rows. -#}
{% macro rows_fingerprint(expressions) -%}
    {{ return(adapter.dispatch('rows_fingerprint', 'lead_scoring')(expressions)) }}
{%- endmacro %}

{% macro default__rows_fingerprint(expressions) -%}
    md5({{ dbt.listagg(row_fingerprint(expressions), "','", "order by " ~ row_fingerprint(expressions)) }})
{%- endmacro %}

{#- Spark's collect_list has no order: the md5 texts are sorted as an array. -#}
{% macro spark__rows_fingerprint(expressions) -%}
    md5(array_join(array_sort(collect_list({{ row_fingerprint(expressions) }})), ','))
{%- endmacro %}

{% macro duckdb__rows_fingerprint(expressions) -%}
    {{ dbt.concat([
        "cast(count(*) as " ~ dbt.type_string() ~ ")",
        "':'",
        "cast(sum(cast(hash(" ~ (expressions | join(', ')) ~ ") as decimal(38, 0))) as " ~ dbt.type_string() ~ ")",
    ]) }}
{%- endmacro %}

{#- The fingerprint of a whole relation's rows (every column), as a scalar subquery: each row
    is hashed as a whole (no list of columns, so a unit test's mocked input works too), then the
    rows are combined as rows_fingerprint combines them. Dispatched. -#}
{% macro relation_fingerprint(relation) -%}
    {{ return(adapter.dispatch('relation_fingerprint', 'lead_scoring')(relation)) }}
{%- endmacro %}

{% macro default__relation_fingerprint(relation) -%}
    (
        select md5({{ dbt.listagg('md5(cast(fingerprinted_rows as text))', "','", 'order by md5(cast(fingerprinted_rows as text))') }})
        from {{ relation }} as fingerprinted_rows
    )
{%- endmacro %}

{% macro duckdb__relation_fingerprint(relation) -%}
    (
        select {{ dbt.concat([
            "cast(count(*) as " ~ dbt.type_string() ~ ")",
            "':'",
            "coalesce(cast(sum(cast(hash(fingerprinted_rows) as decimal(38, 0))) as " ~ dbt.type_string() ~ "), '')",
        ]) }}
        from {{ relation }} as fingerprinted_rows
    )
{%- endmacro %}

{% macro spark__relation_fingerprint(relation) -%}
    (
        select md5(array_join(array_sort(collect_list(md5(to_json(struct(*))))), ','))
        from {{ relation }}
    )
{%- endmacro %}
