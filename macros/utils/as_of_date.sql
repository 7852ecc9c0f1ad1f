{#- The day every score is computed as of (SPEC §4): the var `as_of_date`, or today (UTC). -#}
{% macro as_of_date_string() %}
    {%- set value = var('as_of_date', '') | string | trim -%}
    {%- if value in ('', 'none', 'None') -%}
        {%- set value = modules.datetime.datetime.utcnow().strftime('%Y-%m-%d') -%}
    {%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {{ exceptions.raise_compiler_error("var as_of_date must be a date written YYYY-MM-DD, got '" ~ value ~ "'") }}
    {%- endif -%}
    {{- return(value) -}}
{% endmacro %}

{% macro as_of_date() %}
    {{- return("cast('" ~ as_of_date_string() ~ "' as date)") -}}
{% endmacro %}
