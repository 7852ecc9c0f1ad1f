{#- Numbers from raw text, one reading on every engine: a plain decimal number (optional sign,
    digits with at most one '.', optional exponent of one or two digits, at most 60 characters)
    whose absolute value is below number_limit() is a double; anything else is null and the row
    is kept (NaN, Infinity, '1,200' or '1.200,50' with separators, '12 EUR', 1e30). The limit
    keeps every number exact in a double's 53 bits and clear of the bigint casts downstream
    (employee_count, number_as_text), so a NaN or a 1e30 never stops the build. -#}

{#- Below 10^15: larger than any count, amount or revenue the contract carries (world GDP is about
    10^14), exact as a double (2^53 is about 9 * 10^15), well inside a bigint (9.2 * 10^18). -#}
{% macro number_limit() -%}
    {{- return('1e15') -}}
{%- endmacro %}

{% macro number_pattern() -%}
    {{- return('^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,2})?$') -}}
{%- endmacro %}

{#- A number is a double: dbt.type_float() is a 4-byte float on DuckDB and Spark, which turns an
    annual_revenue of 50000001 into 50000000 (7 significant digits). The text is cast only once it
    reads as a number, so no engine ever raises. Raw columns (after clean_text) and seed values
    (clean_text of the seed's text) are read by this one macro. -#}
{% macro parse_number(expression) -%}
    {{ return(adapter.dispatch('parse_number', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__parse_number(expression) -%}
    {%- set number = "cast(" ~ expression ~ " as " ~ scoring_type_double() ~ ")" -%}
    case
        when {{ regexp_full_match(expression, number_pattern()) }}
            and length({{ expression }}) <= 60
            and abs({{ number }}) < {{ number_limit() }}
            then {{ number }}
    end
{%- endmacro %}

{#- The double-precision type numbers are parsed into. -#}
{% macro scoring_type_double() -%}
    {{ return(adapter.dispatch('scoring_type_double', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__scoring_type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__scoring_type_double() -%}
    double
{%- endmacro %}

{#- A number as text the way people write it: whole numbers without a decimal part ('75', not
    '75.0'), so that text operators in the rules (equals 75) match. -#}
{% macro number_as_text(expression) -%}
    case
        when {{ expression }} = floor({{ expression }})
            then cast(cast({{ expression }} as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
        else cast({{ expression }} as {{ dbt.type_string() }})
    end
{%- endmacro %}

{#- A number that cannot be negative (a count, an amount, minutes): a negative or unparsable value
    becomes null and the row is kept. -#}
{% macro parse_non_negative_number(expression) -%}
    case
        when {{ parse_number(expression) }} >= 0 then {{ parse_number(expression) }}
    end
{%- endmacro %}

{#- True when the whole text matches a regular expression (written without backslashes). -#}
{% macro regexp_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regexp_full_match', 'lead_scoring')(expression, pattern)) }}
{%- endmacro %}

{#- PostgreSQL `~`; the patterns are anchored with ^ and $. -#}
{% macro default__regexp_full_match(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regexp_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regexp_full_match(expression, pattern) -%}
    ({{ expression }} rlike '{{ pattern }}')
{%- endmacro %}
