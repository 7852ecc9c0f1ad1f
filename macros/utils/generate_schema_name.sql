{#- Custom schemas are used as written (staging, intermediate, marts, quality, seeds), not prefixed
    with the target schema, so BI tools and grants see stable schema names. The var
    `schema_suffix` (default empty) is appended to every custom schema: scripts/what_if.py builds a
    candidate seed set beside the current one with `schema_suffix: _what_if` (marts_what_if, ...)
    on PostgreSQL and Spark. Sources (the raw schema) are not named here and stay shared. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}{{ var('schema_suffix', '') | trim }}
    {%- endif -%}
{%- endmacro %}
