{#- Ragged CSV rows: scripts/load_raw.py loads a CSV row with fewer fields than the header padded
    with nulls, and one with more fields cut to the header (the extra fields kept in the flag), and
    flags both in the extra raw column _load_problem ('ragged row: line 7 has 5 fields, the header
    8'). Which value belongs to which column is unknown for such a row, so it is quarantined, with
    the flag at the front of its raw_row (raw_source_rows). -#}

{#- CASE branch of a base model (the first one): the row the loader flagged. -#}
{% macro ragged_row_problem() -%}
        when raw_row like '[ragged row:%' then 'ragged row (field count differs from the header)'
{%- endmacro %}

{#- True when the raw table has the loader's _load_problem column (an EL tool's table has not). -#}
{% macro load_problem_column_present(source_name, table_name) %}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- set loaded = load_relation(raw_relation(source_name, table_name)) -%}
        {%- if loaded is not none -%}
            {%- for column in adapter.get_columns_in_relation(loaded) if column.name | lower == '_load_problem' -%}
                {%- do present.append(column.name) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{- return(present | length > 0) -}}
{% endmacro %}
