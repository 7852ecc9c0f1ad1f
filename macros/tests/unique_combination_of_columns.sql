{#- Fails for every combination of the given columns that occurs on more than one row (a null
    is a value like any other here, as in a group by). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {{ return(adapter.dispatch('test_unique_combination_of_columns', 'lead_scoring')(model, combination_of_columns)) }}
{% endtest %}

{% macro default__test_unique_combination_of_columns(model, combination_of_columns) %}
{%- if combination_of_columns is string -%}
    {%- set combination_of_columns = [combination_of_columns] -%}
{%- endif -%}
{%- if not combination_of_columns -%}
    {{ exceptions.raise_compiler_error("unique_combination_of_columns needs at least one column in combination_of_columns") }}
{%- endif -%}
select
    {{ combination_of_columns | join(',\n    ') }},
    count(*) as duplicate_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endmacro %}
