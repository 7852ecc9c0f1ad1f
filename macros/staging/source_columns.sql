{#- Selects every column the sources YAML declares for a raw table, as trimmed text (empty = null).
    A declared column the raw table lacks becomes a null, so an EL tool that lands fewer columns
    does not break the build; a raw table that is missing altogether stops the build with its name. -#}
{% macro source_columns_as_text(source_name, table_name) %}
    {%- set relation = source(source_name, table_name) -%}
    {%- set declared = declared_source_columns(source_name, table_name) -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- set loaded = load_relation(relation) -%}
        {%- if loaded is none -%}
            {{ exceptions.raise_compiler_error(
                "Raw table " ~ relation ~ " does not exist. Load it (python scripts/load_raw.py DIR) "
                ~ "or create it with the columns of SPEC §1, even if empty.") }}
        {%- endif -%}
        {%- for column in adapter.get_columns_in_relation(loaded) -%}
            {%- do present.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for name in declared %}
        {% if not execute or name | lower in present -%}
            {{ clean_text(name) }}
        {%- else -%}
            cast(null as {{ dbt.type_string() }})
        {%- endif %} as {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
{% endmacro %}

{#- Names of the columns the sources YAML declares for a raw table, in declared order (empty while
    dbt parses the project, when the graph is not yet known). -#}
{% macro declared_source_columns(source_name, table_name) %}
    {%- set declared = [] -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() if node.source_name == source_name and node.name == table_name -%}
            {%- for column in node.columns.values() -%}
                {%- do declared.append(column.name) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(declared) -}}
{% endmacro %}

{#- The import select of a base model: every declared column of the raw table as trimmed text
    (typed null when the table lacks it) and the whole row as readable text (raw_row). -#}
{% macro raw_source_rows(source_name, table_name) %}
    select
        {{ source_columns_as_text(source_name, table_name) }},
        {{ raw_row_text(source_name, table_name) }} as raw_row
    from {{ source(source_name, table_name) }}
{% endmacro %}
