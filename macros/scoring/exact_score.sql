{#- A score as it is stored: exact_points (a decimal of 9 places) held in a double, the type of
    every score column. Equal decimals give equal doubles, and a double read back through
    exact_points gives the same decimal, so a stored score can be added again exactly. -#}
{% macro exact_score(expression) -%}
    cast({{ exact_points(expression) }} as {{ scoring_type_double() }})
{%- endmacro %}
