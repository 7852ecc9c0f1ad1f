{#- Text and booleans from raw values, one reading on every engine. -#}

{#- Characters trimmed around every raw value: space, tab, line feed, vertical tab, form feed,
    carriage return and the no-break space (U+00A0) spreadsheets write. -#}
{% macro blank_characters() -%}
    {{- return("' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(160)") -}}
{%- endmacro %}

{#- A raw value as trimmed text, null when nothing is left. Null markers of exports are null too:
    `NULL` and `null` in every column (SQL and JSON dumps); in a typed column (data_type number,
    integer, boolean, timestamp, date) also `None`, `NaN`, `NaT`, `N/A` in any case (pandas,
    spreadsheets), which can never be a value there. A text column keeps `None` and `n/a` (a
    budget status may be 'None'). -#}
{% macro clean_text(expression, data_type='string') -%}
    {{ return(adapter.dispatch('clean_text', 'lead_scoring')(expression, data_type)) }}
{%- endmacro %}

{% macro default__clean_text(expression, data_type='string') -%}
    {%- set trimmed = "trim(both " ~ blank_characters() ~ " from cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "))" -%}
    {{ null_markers_to_null(trimmed, data_type) }}
{%- endmacro %}

{#- DuckDB: trim with a set of characters costs four times a plain trim, and every raw value goes
    through clean_text; so a plain trim first, and the full trim only when a blank other than a
    space is left at an edge (the result is the same). -#}
{% macro duckdb__clean_text(expression, data_type='string') -%}
    {%- set spaces_trimmed = "trim(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "))" -%}
    {%- set codes = "(9, 10, 11, 12, 13, 32, 160)" -%}
    {%- set trimmed -%}
        case
            when ascii({{ spaces_trimmed }}) in {{ codes }} or ascii(right({{ spaces_trimmed }}, 1)) in {{ codes }}
                then trim({{ spaces_trimmed }}, {{ blank_characters() }})
            else {{ spaces_trimmed }}
        end
    {%- endset -%}
    {{ null_markers_to_null(trimmed, data_type) }}
{%- endmacro %}

{#- A trimmed value, null when empty or a null marker of clean_text. -#}
{% macro null_markers_to_null(trimmed, data_type) -%}
    case
        when {{ trimmed }} in ('', 'NULL', 'null') then null
        {%- if data_type in ('number', 'integer', 'boolean', 'timestamp', 'date') %}
        when lower({{ trimmed }}) in ('null', 'none', 'nan', 'nat', 'n/a') then null
        {%- endif %}
        else {{ trimmed }}
    end
{%- endmacro %}

{#- Text as a boolean, case-insensitive (true/t/1/yes/y, false/f/0/no/n); anything else null. -#}
{% macro parse_boolean(expression) -%}
    {{ return(adapter.dispatch('parse_boolean', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__parse_boolean(expression) -%}
    case
        when lower({{ expression }}) in ('true', 't', '1', 'yes', 'y') then true
        when lower({{ expression }}) in ('false', 'f', '0', 'no', 'n') then false
    end
{%- endmacro %}
