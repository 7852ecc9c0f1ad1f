{#- Apache Spark versions of the project's dispatched macros (dbt-spark). Each overrides the
    default__ of the macro with the same name; the reason is next to it. Spark 4 may run with ANSI
    mode on (a bad cast raises), so parsing uses try_cast and never a plain cast of raw text. -#}

{#- A timestamp from text, null when it is not one (never an error), read like DuckDB's try_cast:
    a date with an optional time; a time-zone suffix (Z, +02:00) is accepted and ignored (Spark
    would shift the time by it); a bare year or year-month, which Spark's cast takes as the first
    day, is not a timestamp. -#}
{% macro spark__parse_timestamp(expression) -%}
    case
        when {{ expression }} rlike '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?([zZ]|[-+][0-9]{2}(:?[0-9]{2})?)?$'
            then try_cast(
                regexp_replace(
                    {{ expression }},
                    '([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)([zZ]|[-+][0-9]{2}(:?[0-9]{2})?)$',
                    '$1'
                ) as timestamp
            )
    end
{%- endmacro %}

{#- dbt-spark with `method: session` seeds through Python string formatting: an empty CSV field
    arrives as the text 'None' (and a quote in a value breaks the statement). The same batches,
    with each value written as an SQL literal: null, a number, or a quoted and escaped string. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set column_types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do column_types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ spark_sql_literal(value) }} as {{ column_types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}

{#- A Python value of a seed row as a Spark SQL literal. Spark string literals treat a backslash
    as an escape character, so backslashes and quotes are escaped. -#}
{% macro spark_sql_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is sameas true or value is sameas false -%}
        {{ 'true' if value else 'false' }}
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}

{#- A number as a double, null when the text is not a decimal number (never an error). Spark's
    cast alone would also read '12d' or '1.5f' (Java number suffixes) as numbers. -#}
{% macro spark__parse_number(expression) -%}
    case
        when {{ expression }} rlike '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,3})?$'
            then try_cast({{ expression }} as double)
    end
{%- endmacro %}

{#- rtrim(x, characters) is not Spark SQL; trim(trailing ... from ...) is. -#}
{% macro spark__rtrim_characters(expression, characters) -%}
    trim(trailing {{ characters }} from {{ expression }})
{%- endmacro %}
