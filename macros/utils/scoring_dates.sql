{#- Dates the point-in-time rules need besides as_of_date itself. -#}

{#- The build's own date (UTC): the day dbt started this run. -#}
{% macro build_date_string() %}
    {{- return(run_started_at.strftime('%Y-%m-%d')) -}}
{% endmacro %}

{#- The later of as_of_date and the build's own date. A timestamp on a day after the day that
    follows it is a future timestamp: bad data, quarantined. A timestamp after as_of_date but not
    that far is only "not yet happened" for this computation (row status after_as_of). -#}
{% macro future_reference_date() %}
    {%- set as_of = as_of_date_string() -%}
    {%- set built = build_date_string() -%}
    {{- return("cast('" ~ ([as_of, built] | max) ~ "' as date)") -}}
{% endmacro %}

{#- True when a timestamp (or date) column lies after as_of_date: on a day after it. -#}
{% macro is_after_as_of(column) -%}
    {{ column }} >= {{ dbt.dateadd('day', 1, as_of_date()) }}
{%- endmacro %}

{#- True when a CRM version (a row of a stg_crm__*_versions model, or of a base CRM model,
    aliased `relation`) is the one in force on `day`: its validity interval
    [valid_from_date, valid_to_date) holds the day (valid_to_date null = still in force). -#}
{% macro version_valid_on(day, relation) -%}
    (
        {{ relation }}.valid_from_date <= {{ day }}
        and ({{ relation }}.valid_to_date is null or {{ day }} < {{ relation }}.valid_to_date)
    )
{%- endmacro %}
