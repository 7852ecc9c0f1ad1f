{#- Selects every column the sources YAML declares for a raw table, as trimmed text (empty = null).
    A declared column the raw table lacks becomes a null, so an EL tool that lands fewer columns
    does not break the build; a raw table that is missing altogether stops the build with its name. -#}
{% macro source_columns_as_text(source_name, table_name) %}
    {%- set relation = raw_relation(source_name, table_name) -%}
    {%- set declared = declared_source_columns(source_name, table_name) -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- set loaded = load_relation(relation) -%}
        {%- if loaded is none -%}
            {{ exceptions.raise_compiler_error(
                "Raw table " ~ relation ~ " does not exist. Load it (python scripts/load_raw.py DIR) "
                ~ "or create it with the columns of its sources YAML, even if empty.") }}
        {%- endif -%}
        {%- for column in adapter.get_columns_in_relation(loaded) -%}
            {%- do present.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for name in declared %}
        {% if not execute or name | lower in present -%}
            {{ clean_text(name, declared_source_column_type(source_name, table_name, name)) }}
        {%- else -%}
            cast(null as {{ dbt.type_string() }})
        {%- endif %} as {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
{% endmacro %}

{#- Names of the columns the sources YAML declares for a raw table, in declared order (empty while
    dbt parses the project, when the graph is not yet known). When the table's area is read from a
    connector (raw_relation), its raw source is disabled and the model int_raw__<table> declares
    the same columns (declared_raw_nodes). -#}
{% macro declared_source_columns(source_name, table_name) %}
    {%- set declared = [] -%}
    {%- if execute -%}
        {%- for node in declared_raw_nodes(source_name, table_name) -%}
            {%- for column in node.columns.values() -%}
                {%- do declared.append(column.name) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(declared) -}}
{% endmacro %}

{#- The graph node that declares the columns of a raw table: its source in the sources YAML when
    its area is read from the raw schema, else the model int_raw__<table> (a list of one node;
    empty while dbt parses the project). -#}
{% macro declared_raw_nodes(source_name, table_name) %}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- if lead_scoring_source(source_name) == 'raw' -%}
            {%- for node in graph.sources.values() if node.source_name == source_name and node.name == table_name -%}
                {%- do found.append(node) -%}
            {%- endfor -%}
        {%- else -%}
            {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == 'int_raw__' ~ table_name -%}
                {%- do found.append(node) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{- return(found) -}}
{% endmacro %}

{#- The abstract data_type the sources YAML declares for one raw column (string when not known,
    e.g. while dbt parses the project). -#}
{% macro declared_source_column_type(source_name, table_name, column_name) %}
    {%- set found = ['string'] -%}
    {%- if execute -%}
        {%- for node in declared_raw_nodes(source_name, table_name) -%}
            {%- for column in node.columns.values() if column.name == column_name and column.data_type -%}
                {%- do found.append(column.data_type | lower) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(found[-1]) -}}
{% endmacro %}

{#- The import select of a base model: every declared column of the raw table as trimmed text
    (typed null when the table lacks it) and the whole row as readable text (raw_row). A row the
    loader flagged as ragged (column _load_problem, see ragged_row_problem) has the flag in front
    of its raw_row. With day_column (an event base model, macros/staging/incremental_events.sql),
    also the row's raw_day; with where, only the raw rows it selects (an SQL condition on the raw
    columns). -#}
{% macro raw_source_rows(source_name, table_name, day_column=none, where=none) %}
    select
        {{ source_columns_as_text(source_name, table_name) }},
        {%- if day_column is not none %}
        {{ raw_day(day_column) }} as raw_day,
        {%- endif %}
        {% if load_problem_column_present(source_name, table_name) -%}
        case
            when _load_problem is null then {{ raw_row_text(source_name, table_name) }}
            else {{ dbt.concat(["'['", "_load_problem", "'] '", raw_row_text(source_name, table_name)]) }}
        end
        {%- else -%}
        {{ raw_row_text(source_name, table_name) }}
        {%- endif %} as raw_row
    from {{ raw_relation(source_name, table_name) }}
    {%- if where %}
    where {{ where }}
    {%- endif %}
{% endmacro %}
