{#- Seed text typing (SPEC §3): the seeds are loaded as text (seeds/_seeds.yml); these macros read
    them the way the project does (trimmed, empty = null, case-insensitive, safe numbers and
    booleans), for the typed seed models and the seed problems model. -#}

{#- Seed text as the project reads it: trimmed, empty = null. -#}
{% macro scoring_seed_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}

{#- Seed text lower-cased (attributes, operators, values: matching is case-insensitive). -#}
{% macro scoring_seed_lower(expression) -%}
    lower({{ scoring_seed_text(expression) }})
{%- endmacro %}

{#- The double-precision type (dbt.type_float() is a 4-byte float on DuckDB). -#}
{% macro scoring_type_double() -%}
    {{ return(adapter.dispatch('scoring_type_double', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__scoring_type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__scoring_type_double() -%}
    double
{%- endmacro %}

{#- Seed text as a double, null when empty or not a number (never an error). -#}
{% macro scoring_seed_number(expression) -%}
    {{ return(adapter.dispatch('scoring_seed_number', 'lead_scoring')(scoring_seed_text(expression))) }}
{%- endmacro %}

{% macro default__scoring_seed_number(text_expression) -%}
    {{ dbt.safe_cast(text_expression, scoring_type_double()) }}
{%- endmacro %}

{% macro duckdb__scoring_seed_number(text_expression) -%}
    try_cast({{ text_expression }} as {{ scoring_type_double() }})
{%- endmacro %}

{% macro spark__scoring_seed_number(text_expression) -%}
    try_cast({{ text_expression }} as {{ scoring_type_double() }})
{%- endmacro %}

{#- PostgreSQL has no safe cast: cast only what reads as a decimal number. -#}
{% macro postgres__scoring_seed_number(text_expression) -%}
    case
        when {{ text_expression }} ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$'
            then cast({{ text_expression }} as {{ scoring_type_double() }})
    end
{%- endmacro %}

{#- Seed text as a boolean: true/t/1/yes/y and false/f/0/no/n, anything else null. -#}
{% macro scoring_seed_boolean(expression) -%}
    case
        when {{ scoring_seed_lower(expression) }} in ('true', 't', '1', 'yes', 'y') then true
        when {{ scoring_seed_lower(expression) }} in ('false', 'f', '0', 'no', 'n') then false
    end
{%- endmacro %}

{#- Part `part_number` (1-based, may be a column) of a text split on a one-character delimiter.
    dbt-spark's split_part needs a literal part number, hence the override. -#}
{% macro scoring_split_part(string_text, delimiter_character, part_number) -%}
    {{ return(adapter.dispatch('scoring_split_part', 'lead_scoring')(string_text, delimiter_character, part_number)) }}
{%- endmacro %}

{% macro default__scoring_split_part(string_text, delimiter_character, part_number) -%}
    {{ dbt.split_part(string_text, "'" ~ delimiter_character ~ "'", part_number) }}
{%- endmacro %}

{% macro spark__scoring_split_part(string_text, delimiter_character, part_number) -%}
    element_at(split({{ string_text }}, '[{{ delimiter_character }}]'), {{ part_number }})
{%- endmacro %}

{#- 'text' quoted for a message (null shows as ''). -#}
{% macro scoring_seed_quoted(expression) -%}
    {{ dbt.concat(["''''", "coalesce(" ~ expression ~ ", '')", "''''"]) }}
{%- endmacro %}
