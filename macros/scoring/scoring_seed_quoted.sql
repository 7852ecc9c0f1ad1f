{#- 'text' quoted for a message of the seed problems model (null shows as ''). The seeds are read
    with the parsing macros of the raw data (macros/parsing/): clean_text, parse_number,
    parse_boolean. -#}
{% macro scoring_seed_quoted(expression) -%}
    {{ dbt.concat(["''''", "coalesce(" ~ expression ~ ", '')", "''''"]) }}
{%- endmacro %}
