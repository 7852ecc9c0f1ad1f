{#- Fails on every row whose column is null or not one of `values`: dbt's accepted_values and
    not_null in one scan. With quote=false the values are SQL literals as written (numbers,
    booleans); a quote inside a value is escaped the engine's way (dbt's escape_single_quotes). -#}
{% test accepted_values_not_null(model, column_name, values, quote=true) %}
    {{ return(adapter.dispatch('test_accepted_values_not_null', 'lead_scoring')(model, column_name, values, quote)) }}
{% endtest %}

{% macro default__test_accepted_values_not_null(model, column_name, values, quote) %}
{%- if execute and not values -%}
    {{ exceptions.raise_compiler_error("accepted_values_not_null on " ~ column_name ~ " needs at least one value") }}
{%- endif -%}
select
    {{ column_name }} as value_field,
    count(*) as rows_with_value
from {{ model }}
where {{ column_name }} is null
    or {{ column_name }} not in (
        {%- for value in values -%}
            {%- if quote -%}'{{ escape_single_quotes(value) }}'{%- else -%}{{ value }}{%- endif -%}
            {%- if not loop.last %}, {% endif -%}
        {%- endfor -%}
    )
group by {{ column_name }}
{% endmacro %}
