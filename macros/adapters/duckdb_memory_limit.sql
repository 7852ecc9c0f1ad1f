{#- on-run-start (dbt_project.yml): DuckDB's memory limit for the run, from the environment variable
    LEAD_SCORING_DUCKDB_MEMORY_LIMIT (e.g. `6GB`); unset, DuckDB keeps its own default (80 % of the
    machine's memory). Beyond the limit DuckDB spills to a folder beside the database file. The
    setting is global to the DuckDB database, so every dbt thread of the run shares the limit.
    Nothing on other engines. -#}
{% macro duckdb_memory_limit() -%}
    {{ return(adapter.dispatch('duckdb_memory_limit', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__duckdb_memory_limit() -%}
{%- endmacro %}

{% macro duckdb__duckdb_memory_limit() -%}
    {%- set limit = env_var('LEAD_SCORING_DUCKDB_MEMORY_LIMIT', '') | trim -%}
    {%- if limit -%}
        {%- set size = modules.re.match('^([0-9]+([.][0-9]+)?) ?(kb|mb|gb|tb|kib|mib|gib|tib)$', limit | lower) -%}
        {%- if size is none or (size.group(1) | float) <= 0 -%}
            {{ exceptions.raise_compiler_error("LEAD_SCORING_DUCKDB_MEMORY_LIMIT must be a size such as 6GB or 500MB, got '" ~ limit ~ "'") }}
        {%- endif -%}
        set memory_limit = '{{ limit }}'
    {%- endif -%}
{%- endmacro %}
