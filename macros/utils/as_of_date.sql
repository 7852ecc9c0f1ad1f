{#- The day every score is computed as of: the var `as_of_date`, or today (UTC). A value
    that is not a real calendar day written YYYY-MM-DD (2026-13-01, 2026-02-30) stops the
    compilation at once, naming the var, before any model runs. -#}
{% macro as_of_date_string() %}
    {%- set value = var('as_of_date', '') | string | trim -%}
    {%- if value in ('', 'none', 'None') -%}
        {%- set value = modules.datetime.datetime.utcnow().strftime('%Y-%m-%d') -%}
    {%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {{ exceptions.raise_compiler_error("var as_of_date must be a date written YYYY-MM-DD, got '" ~ value ~ "'") }}
    {%- endif -%}
    {%- set parts = value.split('-') -%}
    {%- set year = parts[0] | int -%}
    {%- set month = parts[1] | int -%}
    {%- set day = parts[2] | int -%}
    {%- set leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
    {%- set days_in_month = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
    {%- if year < 1 or month < 1 or month > 12 or day < 1 or day > days_in_month[month - 1] -%}
        {{ exceptions.raise_compiler_error("var as_of_date must be a real calendar day written YYYY-MM-DD, got '" ~ value ~ "' (" ~ ("month " ~ month ~ " does not exist" if month < 1 or month > 12 else "day " ~ day ~ " is not in month " ~ month ~ " of " ~ year) ~ ")") }}
    {%- endif -%}
    {{- return(value) -}}
{% endmacro %}

{% macro as_of_date() %}
    {{- return("cast('" ~ as_of_date_string() ~ "' as date)") -}}
{% endmacro %}

{#- on-run-start check (dbt_project.yml): a bad as_of_date stops `dbt build` before the seeds and
    models run, naming the var, instead of failing later inside the first model that uses it. -#}
{% macro assert_as_of_date_valid() %}
    {%- if execute -%}
        {%- do as_of_date_string() -%}
    {%- endif -%}
{% endmacro %}
