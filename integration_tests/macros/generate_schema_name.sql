{#- The schemas as written (hubspot, segment, and the package's staging, marts, ...), as the
    package itself names them: the connector vars name the seeds' schemas, and the package's
    scripts read its schemas by name. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
