{#- PostgreSQL versions of the project's dispatched macros (dbt-postgres). Each overrides the
    default__ of the macro with the same name; the reason is next to it. -#}

{#- dbt.safe_cast is a plain cast on PostgreSQL, which stops the build on 'not-a-date'. Only text
    that reads as a date (and optional time) with a month, day, hour, minute and second in range
    is cast; anything else is null and quarantined by the caller, as DuckDB's try_cast does. A
    time-zone suffix (Z, +02:00) is accepted and ignored, as on DuckDB. CASE branches are
    evaluated in order, so no cast ever sees a value out of range. -#}
{% macro postgres__parse_timestamp(expression) -%}
    {%- set year = "cast(substring(" ~ expression ~ " from '^([0-9]{4})-') as integer)" -%}
    {%- set month = "cast(substring(" ~ expression ~ " from '^[0-9]{4}-([0-9]{1,2})-') as integer)" -%}
    {%- set day = "cast(substring(" ~ expression ~ " from '^[0-9]{4}-[0-9]{1,2}-([0-9]{1,2})') as integer)" -%}
    case
        when {{ expression }} !~ '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?([zZ]|[-+][0-9]{2}(:?[0-9]{2})?)?$'
            then null
        when {{ year }} < 1 or {{ month }} not between 1 and 12 then null
        when {{ day }} < 1
            or {{ day }} > extract(day from make_date({{ year }}, {{ month }}, 1) + interval '1 month' - interval '1 day')
            then null
        when coalesce(cast(substring({{ expression }} from '[ T]([0-9]{1,2}):') as integer), 0) > 23
            or coalesce(cast(substring({{ expression }} from '[ T][0-9]{1,2}:([0-9]{2})') as integer), 0) > 59
            or coalesce(cast(substring({{ expression }} from '[ T][0-9]{1,2}:[0-9]{2}:([0-9]{2})') as integer), 0) > 59
            then null
        else cast({{ expression }} as {{ dbt.type_timestamp() }})
    end
{%- endmacro %}

{#- A number as double precision, null when the text is not a decimal number (never an error). The
    length limit keeps the cast clear of the range of a double. -#}
{% macro postgres__parse_number(expression) -%}
    case
        when {{ expression }} ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,2})?$'
            and length({{ expression }}) <= 60
            then cast({{ expression }} as double precision)
    end
{%- endmacro %}

{#- dbt-postgres's split_part checks the part number in Jinja, so it must be a literal; the rule
    values split a list by a column (the item number). -#}
{% macro postgres__scoring_split_part(string_text, delimiter_character, part_number) -%}
    split_part({{ string_text }}, '{{ delimiter_character }}', {{ part_number }})
{%- endmacro %}
