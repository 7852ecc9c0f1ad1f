{#- Fails on every row where the SQL expression is false (null counts as passing, as in
    dbt_utils). With column_name the expression is appended to the column: `>= 0`. The test's
    `config: {where: ...}` filters the model first. -#}
{% test expression_is_true(model, expression, column_name=none) %}
    {{ return(adapter.dispatch('test_expression_is_true', 'lead_scoring')(model, expression, column_name)) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression, column_name) %}
select *
from {{ model }}
where not ({{ column_name ~ ' ' if column_name }}{{ expression }})
{% endmacro %}
