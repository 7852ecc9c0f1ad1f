{#- Fails for every value of the column that is null or occurs on more than one row: not_null and
    unique in one scan, with each failing key and its row count. -#}
{% test primary_key(model, column_name) %}
    {{ return(adapter.dispatch('test_primary_key', 'lead_scoring')(model, column_name)) }}
{% endtest %}

{% macro default__test_primary_key(model, column_name) %}
select
    {{ column_name }} as key_value,
    count(*) as rows_with_key
from {{ model }}
group by {{ column_name }}
having count(*) > 1 or {{ column_name }} is null
{% endmacro %}
