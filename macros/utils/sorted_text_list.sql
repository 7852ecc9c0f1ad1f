{#- The values of a text column within a group, sorted, in one string (an aggregate). Feed it
    distinct values (a `select distinct` first) to get each value once. dbt.listagg cannot sort on
    Spark (collect_list keeps no order), so Spark sorts the collected array. -#}
{% macro sorted_text_list(expression, delimiter_text) -%}
    {{ return(adapter.dispatch('sorted_text_list', 'lead_scoring')(expression, delimiter_text)) }}
{%- endmacro %}

{% macro default__sorted_text_list(expression, delimiter_text) -%}
    {{ dbt.listagg(expression, delimiter_text, 'order by ' ~ expression) }}
{%- endmacro %}

{% macro spark__sorted_text_list(expression, delimiter_text) -%}
    array_join(array_sort(collect_list({{ expression }})), {{ delimiter_text }})
{%- endmacro %}
