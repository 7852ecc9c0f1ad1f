{#- Parsing of raw text into types. Unusable values become null; callers quarantine rows whose
    required values are null. -#}

{% macro clean_text(expression) -%}
    {{ return(adapter.dispatch('clean_text', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__clean_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}

{% macro parse_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expression) -%}
    {{ dbt.safe_cast(expression, dbt.type_timestamp()) }}
{%- endmacro %}

{% macro parse_date(expression) -%}
    {{ return(adapter.dispatch('parse_date', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__parse_date(expression) -%}
    cast({{ parse_timestamp(expression) }} as date)
{%- endmacro %}

{% macro parse_number(expression) -%}
    {{ return(adapter.dispatch('parse_number', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__parse_number(expression) -%}
    {{ dbt.safe_cast(expression, dbt.type_float()) }}
{%- endmacro %}

{% macro parse_boolean(expression) -%}
    case
        when lower({{ expression }}) in ('true', 't', '1', 'yes', 'y') then true
        when lower({{ expression }}) in ('false', 'f', '0', 'no', 'n') then false
    end
{%- endmacro %}

{#- Page path of a URL (SPEC §2): lower case, no scheme and host, no query or fragment, always
    starting with '/', no trailing '/' (the root stays '/'). A value without a scheme is a path. -#}
{% macro normalize_page_path(expression) -%}
    {%- set lowered = "lower(trim(" ~ expression ~ "))" -%}
    {%- set no_fragment = dbt.split_part(lowered, "'#'", 1) -%}
    {%- set no_query = dbt.split_part(no_fragment, "'?'", 1) -%}
    {%- set after_scheme = "substring(" ~ no_query ~ ", " ~ dbt.position("'://'", no_query) ~ " + 3)" -%}
    {%- set host_stripped -%}
        case
            when {{ dbt.position("'://'", no_query) }} > 0 then
                case
                    when {{ dbt.position("'/'", after_scheme) }} > 0
                        then substring({{ after_scheme }}, {{ dbt.position("'/'", after_scheme) }})
                    else '/'
                end
            when {{ no_query }} like '/%' then {{ no_query }}
            else {{ dbt.concat(["'/'", no_query]) }}
        end
    {%- endset -%}
    case
        when {{ expression }} is null then null
        else coalesce(nullif({{ rtrim_characters(host_stripped, "'/'") }}, ''), '/')
    end
{%- endmacro %}

{#- Last segment of a page path: the file name of a download. -#}
{% macro path_file_name(path_expression) -%}
    reverse({{ dbt.split_part("reverse(" ~ path_expression ~ ")", "'/'", 1) }})
{%- endmacro %}

{% macro rtrim_characters(expression, characters) -%}
    {{ return(adapter.dispatch('rtrim_characters', 'lead_scoring')(expression, characters)) }}
{%- endmacro %}

{% macro default__rtrim_characters(expression, characters) -%}
    rtrim({{ expression }}, {{ characters }})
{%- endmacro %}

{#- DuckDB: dbt.safe_cast is a plain cast there, so use try_cast. -#}
{% macro duckdb__parse_timestamp(expression) -%}
    try_cast({{ expression }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- A number is a double: dbt.type_float() is a 4-byte float on DuckDB and Spark, which turns
    an annual_revenue of 50000001 into 50000000 (7 significant digits). Other engines:
    macros/adapters/<engine>.sql. -#}
{% macro duckdb__parse_number(expression) -%}
    try_cast({{ expression }} as double)
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
