{#- Seed validation of seeds/connector_values.csv: fails the calling model (int_connector__values)
    with every problem of the seed, one per line, each naming the row (connector, field and
    source_value) and what is wrong:

        connector_values.csv row 'hubspot form_type 'demo'': unknown operator 'like' (allowed: equals, contains)

    The checks are the model int_connector__value_problems (one CTE per check); this macro reads
    its rows and raises with them, as validate_scoring_seeds does for the scoring seeds. Renders
    to nothing. -#}
{% macro validate_connector_values() %}
    {#- ref() outside `execute` too, so that dbt records the problems model as a dependency. -#}
    {%- set problems_relation = ref('int_connector__value_problems') -%}
    {%- if execute -%}
        {%- if load_relation(problems_relation) is none -%}
            {%- do log("validate_connector_values: " ~ problems_relation ~ " is not built yet, validation skipped; run dbt build", info=true) -%}
        {%- else -%}
            {%- set problems_sql -%}
                select key_value, problem
                from {{ problems_relation }}
                order by key_value, problem
            {%- endset -%}
            {%- set problems = run_query(problems_sql) -%}
            {%- if problems.rows | length > 0 -%}
                {%- set lines = [] -%}
                {%- for row in problems.rows -%}
                    {%- do lines.append("  connector_values.csv row " ~ row['key_value'] ~ ": " ~ row['problem']) -%}
                {%- endfor -%}
                {{ exceptions.raise_compiler_error(
                    "Bad connector value list (" ~ lines | length ~ " problem" ~ ('s' if lines | length != 1 else '')
                    ~ "); fix seeds/connector_values.csv and run dbt build again:\n" ~ lines | join('\n')) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
