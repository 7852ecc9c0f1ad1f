{#- Fails on every row whose column lies outside [min_value, max_value] (bounds excluded when
    inclusive is false). Either bound may be left out. Nulls pass, unless allow_null is false:
    then a null fails too (not_null and the range in one scan). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true, allow_null=true) %}
    {{ return(adapter.dispatch('test_accepted_range', 'lead_scoring')(model, column_name, min_value, max_value, inclusive, allow_null)) }}
{% endtest %}

{% macro default__test_accepted_range(model, column_name, min_value, max_value, inclusive, allow_null=true) %}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error("accepted_range on " ~ column_name ~ " needs min_value, max_value or both") }}
{%- endif -%}
select *
from {{ model }}
where
    1 = 2
    {%- if not allow_null %}
    or {{ column_name }} is null
    {%- endif %}
    {%- if min_value is not none %}
    or not ({{ column_name }} {{ '>=' if inclusive else '>' }} {{ min_value }})
    {%- endif %}
    {%- if max_value is not none %}
    or not ({{ column_name }} {{ '<=' if inclusive else '<' }} {{ max_value }})
    {%- endif %}
{% endmacro %}
