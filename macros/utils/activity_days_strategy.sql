{#- Incremental strategy that replaces whole activity days (int_activities): delete+insert keyed
    on activity_date where the warehouse supports it, insert_overwrite of the activity_date
    partitions on Spark, whose plain tables cannot merge or delete. -#}
{% macro activity_days_strategy() -%}
    {{ return(adapter.dispatch('activity_days_strategy', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__activity_days_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__activity_days_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}
