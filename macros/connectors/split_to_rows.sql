{#- A select-list expression that turns one row into one row per part of a delimited text (the
    rows of the other columns repeated), e.g. `a;b` -> `a`, `b`; null and '' give no row (DuckDB,
    PostgreSQL) or one null (Spark: filter the parts). delimiter: a one-character SQL literal's
    text, e.g. ';'. -#}
{% macro split_to_rows(expression, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'lead_scoring')(expression, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(expression, delimiter) -%}
    unnest(string_to_array({{ expression }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro duckdb__split_to_rows(expression, delimiter) -%}
    unnest(string_split({{ expression }}, '{{ delimiter }}'))
{%- endmacro %}

{#- Spark's split takes a regular expression: the delimiter is quoted in a character class. -#}
{% macro spark__split_to_rows(expression, delimiter) -%}
    explode(split({{ expression }}, '[{{ delimiter }}]'))
{%- endmacro %}
