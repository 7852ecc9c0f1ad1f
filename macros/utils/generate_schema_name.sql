{#- Custom schemas are used as written (staging, intermediate, marts, quality, seeds), not prefixed
    with the target schema, so BI tools and grants see stable schema names. The var
    `schema_suffix` (default empty) is appended to every custom schema: scripts/what_if.py builds a
    candidate seed set beside the current one with `schema_suffix: _what_if` (marts_what_if, ...)
    on PostgreSQL and Spark. Sources (the raw schema) are not named here and stay shared.

    Two developers sharing one warehouse (one PostgreSQL server and database) each set their own
    LEAD_SCORING_SCHEMA_PREFIX, e.g. `alice_`: every schema dbt builds is then prefixed
    (alice_staging, alice_marts, ...; with the suffix alice_marts_what_if), and neither overwrites
    the other. Unset (production, CI), the names are the plain ones. The raw tables are read from
    the var raw_schema (shared by default; `--vars '{raw_schema: alice_raw}'` with
    `load_raw.py --schema alice_raw` for one's own). The prefix may hold lower-case letters,
    digits and underscores only. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set prefix = schema_prefix() -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ prefix ~ (custom_schema_name | trim) }}{{ var('schema_suffix', '') | trim }}
    {%- endif -%}
{%- endmacro %}

{#- The developer's schema prefix (env LEAD_SCORING_SCHEMA_PREFIX, default none), checked. -#}
{% macro schema_prefix() -%}
    {%- set prefix = env_var('LEAD_SCORING_SCHEMA_PREFIX', '') | trim -%}
    {%- if prefix and not modules.re.match('^[a-z0-9_]+$', prefix) -%}
        {{ exceptions.raise_compiler_error(
            "LEAD_SCORING_SCHEMA_PREFIX '" ~ prefix ~ "' may hold only lower-case letters, digits "
            ~ "and underscores (e.g. alice_).") }}
    {%- endif -%}
    {{- return(prefix) -}}
{%- endmacro %}
