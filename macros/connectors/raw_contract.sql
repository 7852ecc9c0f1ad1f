{#- The columns of a raw table (SPEC §1) as the model int_raw__<table> declares them in its YAML
    (models/intermediate/connectors/_connectors__models.yml), in declared order: the list a
    connector's mapping is selected into (empty while dbt parses the project). A pytest
    (tests_py/test_connectors_contract.py) checks that this YAML lists exactly the columns and
    types of the raw sources YAML. -#}
{% macro raw_contract_columns(table_name) -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == 'int_raw__' ~ table_name -%}
            {%- for column in node.columns.values() -%}
                {%- do found.append(column.name) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(found) -}}
{%- endmacro %}

{#- The select list of an int_raw__<table> model: every column of the raw table, as text, from the
    CTE `relation_name` (a connector's mapping has them all; the raw layer is text). -#}
{% macro raw_contract_select(table_name, relation_name) -%}
    {%- for column in raw_contract_columns(table_name) %}
        cast({{ relation_name }}.{{ column }} as {{ dbt.type_string() }}) as {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- A select of no rows with every column of the raw table as text: the table of an area set to
    `none` in var lead_scoring_sources. -#}
{% macro empty_raw_rows(table_name) -%}
    select
    {%- for column in raw_contract_columns(table_name) %}
        cast(null as {{ dbt.type_string() }}) as {{ column }}{{ "," if not loop.last }}
    {%- else %}
        cast(null as {{ dbt.type_string() }}) as no_columns
    {%- endfor %}
    where 1 = 0
{%- endmacro %}
