{#- Timestamps and dates from raw text (timestamps are UTC). One reading on every engine,
    built on two dispatched primitives (regexp_group, shift_minutes), so DuckDB, PostgreSQL and
    Spark agree by construction:

    * accepted: ISO 8601 `YYYY-MM-DD`, with an optional time `HH:MM[:SS[.fraction]]` after a space
      or `T`, and after the time an optional zone: `Z`, `UTC`, `GMT` or an offset `+HH:MM`,
      `+HHMM`, `+HH` (sign + or -, at most 14 hours);
    * an offset is converted to UTC (`2026-06-30T22:00:00-05:00` is 2026-07-01 03:00 UTC), whatever
      the session time zone: the arithmetic is on wall-clock timestamps;
    * month, day (leap years included), hour, minute and second must be in range; a fraction is
      kept to the microsecond (digits after the sixth are dropped);
    * anything else (31/02/2026, 06/30/2026, 30.06.2026, epoch seconds, 'yesterday') is null, and
      the base model quarantines the row as unparsable: day and month orders are never guessed. -#}

{#- The accepted form, with its groups (at most 9, DuckDB's limit): 1 year, 2 month, 3 day, 4 hour,
    5 minute, 6 second with its fraction, 7 offset sign, 8 offset hours, 9 offset minutes. -#}
{% macro timestamp_pattern() -%}
    {{- return('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:[.][0-9]{1,9})?))?(?: ?(?:Z|z|UTC|GMT|([-+])([0-9]{2})(?::?([0-9]{2}))?))?)?$') -}}
{%- endmacro %}

{% macro parse_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expression) -%}
    {%- set pattern = timestamp_pattern() -%}
    {%- set parts = {} -%}
    {%- for name, group in [('year', 1), ('month', 2), ('day', 3), ('hour', 4), ('minute', 5), ('offset_hours', 8), ('offset_minutes', 9)] -%}
        {%- do parts.update({name: "cast(" ~ regexp_group(expression, pattern, group) ~ " as integer)"}) -%}
    {%- endfor -%}
    {%- do parts.update({'second': "cast(substring(" ~ regexp_group(expression, pattern, 6) ~ ", 1, 2) as integer)"}) -%}
    {%- set sign = regexp_group(expression, pattern, 7) -%}
    {%- set local_text = dbt.concat([
        regexp_group(expression, pattern, 1), "'-'",
        regexp_group(expression, pattern, 2), "'-'",
        regexp_group(expression, pattern, 3), "' '",
        "coalesce(" ~ regexp_group(expression, pattern, 4) ~ ", '0')", "':'",
        "coalesce(" ~ regexp_group(expression, pattern, 5) ~ ", '00')", "':'",
        "coalesce(substring(" ~ regexp_group(expression, pattern, 6) ~ ", 1, 9), '00')",
    ]) -%}
    {%- set offset_minutes -%}
        (case when {{ sign }} = '-' then -1 else 1 end)
        * (coalesce({{ parts.offset_hours }}, 0) * 60 + coalesce({{ parts.offset_minutes }}, 0))
    {%- endset -%}
    case
        when {{ regexp_group(expression, pattern, 1) }} is null then null
        when {{ parts.year }} < 1 or {{ parts.month }} not between 1 and 12 then null
        when {{ parts.day }} < 1
            or {{ parts.day }} > case
                when {{ parts.month }} in (4, 6, 9, 11) then 30
                when {{ parts.month }} = 2 and {{ parts.year }} % 4 = 0
                    and ({{ parts.year }} % 100 != 0 or {{ parts.year }} % 400 = 0) then 29
                when {{ parts.month }} = 2 then 28
                else 31
            end
            then null
        when coalesce({{ parts.hour }}, 0) > 23
            or coalesce({{ parts.minute }}, 0) > 59
            or coalesce({{ parts.second }}, 0) > 59
            or coalesce({{ parts.offset_hours }}, 0) > 14
            or coalesce({{ parts.offset_minutes }}, 0) > 59
            then null
        when {{ sign }} is null
            then cast({{ local_text }} as {{ dbt.type_timestamp() }})
        else {{ shift_minutes("cast(" ~ local_text ~ " as " ~ dbt.type_timestamp() ~ ")", "-(" ~ offset_minutes ~ ")") }}
    end
{%- endmacro %}

{#- DuckDB: the same reading, with a fast path for the common form without a zone (years 1000 to
    9999, hours 0 to 23, at most six fraction digits), which try_cast reads exactly as the general
    path does (it rejects 29 February of a common year, minute or second 60), at a hundredth of
    the general path's cost (some 0.3 s instead of 70 s for 5 million values). -#}
{% macro duckdb__parse_timestamp(expression) -%}
    case
        when regexp_full_match({{ expression }}, '^[1-9][0-9]{3}-[0-9]{1,2}-[0-9]{1,2}([ T]([01]?[0-9]|2[0-3]):[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?$')
            then try_cast({{ expression }} as {{ dbt.type_timestamp() }})
        else {{ default__parse_timestamp(expression) }}
    end
{%- endmacro %}

{#- A date: the UTC day of parse_timestamp (a date alone is that day). -#}
{% macro parse_date(expression) -%}
    {{ return(adapter.dispatch('parse_date', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__parse_date(expression) -%}
    cast({{ parse_timestamp(expression) }} as date)
{%- endmacro %}

{#- Group `group` of the first match of an anchored regular expression (written without
    backslashes, so that it reads the same in every engine's string literals), null when the text
    does not match or the group took no part in the match. -#}
{% macro regexp_group(expression, pattern, group) -%}
    {{ return(adapter.dispatch('regexp_group', 'lead_scoring')(expression, pattern, group)) }}
{%- endmacro %}

{#- DuckDB and Spark: regexp_extract gives '' for no match. -#}
{% macro default__regexp_group(expression, pattern, group) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern }}', {{ group }}), '')
{%- endmacro %}

{#- PostgreSQL: regexp_match gives the array of groups, null for no match. -#}
{% macro postgres__regexp_group(expression, pattern, group) -%}
    (regexp_match({{ expression }}, '{{ pattern }}'))[{{ group }}]
{%- endmacro %}

{#- A timestamp plus a number of minutes, wall-clock arithmetic (no time zone involved). -#}
{% macro shift_minutes(timestamp_expression, minutes) -%}
    {{ return(adapter.dispatch('shift_minutes', 'lead_scoring')(timestamp_expression, minutes)) }}
{%- endmacro %}

{% macro default__shift_minutes(timestamp_expression, minutes) -%}
    {{ dbt.dateadd('minute', minutes, timestamp_expression) }}
{%- endmacro %}

{#- dbt-spark's dateadd goes through unix seconds (drops the fraction) and raises on a null. -#}
{% macro spark__shift_minutes(timestamp_expression, minutes) -%}
    ({{ timestamp_expression }} + make_dt_interval(0, 0, {{ minutes }}, 0))
{%- endmacro %}
