{#- Part `part_number` (1-based, may be a column) of a text split on a one-character delimiter:
    the rule values split a list by a column (the item number). -#}
{% macro scoring_split_part(string_text, delimiter_character, part_number) -%}
    {{ return(adapter.dispatch('scoring_split_part', 'lead_scoring')(string_text, delimiter_character, part_number)) }}
{%- endmacro %}

{% macro default__scoring_split_part(string_text, delimiter_character, part_number) -%}
    {{ dbt.split_part(string_text, "'" ~ delimiter_character ~ "'", part_number) }}
{%- endmacro %}

{#- dbt-postgres's split_part checks the part number in Jinja, so it must be a literal. -#}
{% macro postgres__scoring_split_part(string_text, delimiter_character, part_number) -%}
    split_part({{ string_text }}, '{{ delimiter_character }}', {{ part_number }})
{%- endmacro %}

{#- dbt-spark's split_part needs a literal part number too. -#}
{% macro spark__scoring_split_part(string_text, delimiter_character, part_number) -%}
    element_at(split({{ string_text }}, '[{{ delimiter_character }}]'), {{ part_number }})
{%- endmacro %}
