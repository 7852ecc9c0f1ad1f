{#- Page paths of URLs. The parsing of raw text into types is in macros/parsing/ (parse_text.sql,
    parse_number.sql and parse_timestamp.sql). -#}

{#- Page path of a URL: lower case, no scheme and host, no query or fragment, always
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

{#- rtrim(x, characters) is not Spark SQL; trim(trailing ... from ...) is. -#}
{% macro spark__rtrim_characters(expression, characters) -%}
    trim(trailing {{ characters }} from {{ expression }})
{%- endmacro %}
