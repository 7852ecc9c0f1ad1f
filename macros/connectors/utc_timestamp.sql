{#- Instants from the connectors, in UTC explicitly (SPEC §1b.2): an EL tool lands them as
    timestamps with a time zone (Fivetran's Instant, Segment's timestamps), and reading one as a
    plain timestamp or a date goes through the session's time zone on DuckDB and PostgreSQL
    (`TZ=Europe/Amsterdam dbt build` would shift every instant). These macros never do: every
    connector instant is a timestamp without a time zone holding the UTC wall clock, as
    parse_timestamp makes from raw text, and goes to the raw layer as text (timestamp_text). -#}

{#- A timestamp with a time zone (an instant) as the timestamp without time zone of its UTC wall
    clock. -#}
{% macro utc_timestamp(expression) -%}
    {{ return(adapter.dispatch('utc_timestamp', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__utc_timestamp(expression) -%}
    ({{ expression }} at time zone 'UTC')
{%- endmacro %}

{% macro duckdb__utc_timestamp(expression) -%}
    timezone('UTC', {{ expression }})
{%- endmacro %}

{#- Spark: a TIMESTAMP is an instant shown in the session time zone; to_utc_timestamp turns its
    wall clock in that zone into the UTC wall clock, so the result is right whatever the session's
    zone (this project's profile sets UTC). -#}
{% macro spark__utc_timestamp(expression) -%}
    to_utc_timestamp({{ expression }}, current_timezone())
{%- endmacro %}

{#- A UTC timestamp (without time zone) as the text the raw layer holds and parse_timestamp reads:
    `YYYY-MM-DD HH:MM:SS.ffffff`; null stays null. -#}
{% macro timestamp_text(expression) -%}
    {{ return(adapter.dispatch('timestamp_text', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__timestamp_text(expression) -%}
    to_char({{ expression }}, 'YYYY-MM-DD HH24:MI:SS.US')
{%- endmacro %}

{% macro duckdb__timestamp_text(expression) -%}
    strftime({{ expression }}, '%Y-%m-%d %H:%M:%S.%f')
{%- endmacro %}

{% macro spark__timestamp_text(expression) -%}
    date_format({{ expression }}, 'yyyy-MM-dd HH:mm:ss.SSSSSS')
{%- endmacro %}

{#- A date as the text `YYYY-MM-DD` (the raw layer reads a date alone as 00:00:00 UTC of that day). -#}
{% macro date_text(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}

{#- An instant written as text, as a UTC timestamp: ISO 8601 as parse_timestamp reads it (`Z` and
    offsets converted to UTC, e.g. `2026-03-01T09:30:00.000Z`), or milliseconds since 1970-01-01
    UTC (12 to 14 digits, as HubSpot's property history holds date-time properties); null when it
    is neither. -#}
{% macro parse_connector_instant(expression) -%}
    case
        when {{ regexp_full_match(expression, '^[0-9]{12,14}$') }}
            then {{ epoch_milliseconds_timestamp("cast(" ~ expression ~ " as " ~ dbt.type_bigint() ~ ")") }}
        else {{ parse_timestamp(expression) }}
    end
{%- endmacro %}

{#- Milliseconds since 1970-01-01 00:00:00 UTC as the UTC timestamp (without time zone). -#}
{% macro epoch_milliseconds_timestamp(expression) -%}
    {{ return(adapter.dispatch('epoch_milliseconds_timestamp', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__epoch_milliseconds_timestamp(expression) -%}
    (cast('1970-01-01 00:00:00' as {{ dbt.type_timestamp() }}) + {{ expression }} * interval '1 millisecond')
{%- endmacro %}

{% macro duckdb__epoch_milliseconds_timestamp(expression) -%}
    epoch_ms({{ expression }})
{%- endmacro %}

{% macro spark__epoch_milliseconds_timestamp(expression) -%}
    to_utc_timestamp(timestamp_millis({{ expression }}), current_timezone())
{%- endmacro %}
