{#- Grants to the BI role (var bi_reader_role, default bi_reader). The marts in models/marts/scoring
    carry dbt's `grants` config (dbt_project.yml); these macros make sure the role exists and may
    use the schema marts. Warehouses without roles (the embedded DuckDB file, a local Spark
    session) skip all of it: access to them is access to their files. -#}

{#- on-run-start: create the role when it is missing (it cannot log in; an administrator gives
    people or the BI tool membership or LOGIN). -#}
{% macro create_bi_reader_role() -%}
    {{ return(adapter.dispatch('create_bi_reader_role', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__create_bi_reader_role() -%}
    select 1
{%- endmacro %}

{% macro postgres__create_bi_reader_role() -%}
    {%- set role = var('bi_reader_role', 'bi_reader') -%}
    do $$
    begin
        if not exists (select from pg_catalog.pg_roles where rolname = '{{ role | replace("'", "''") }}') then
            create role {{ adapter.quote(role) }} nologin;
        end if;
    end
    $$
{%- endmacro %}

{#- on-run-end: the role may look into the schema marts (the table grants alone are not enough on
    PostgreSQL; with the var schema_suffix, the suffixed marts schema). Nothing else is granted: raw, staging, intermediate, quality and seeds stay closed. -#}
{% macro grant_bi_reader_schema_usage() -%}
    {{ return(adapter.dispatch('grant_bi_reader_schema_usage', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__grant_bi_reader_schema_usage() -%}
    select 1
{%- endmacro %}

{% macro postgres__grant_bi_reader_schema_usage() -%}
    {%- set marts_schema = adapter.quote(generate_schema_name('marts', none)) -%}
    create schema if not exists {{ marts_schema }};
    grant usage on schema {{ marts_schema }} to {{ adapter.quote(var('bi_reader_role', 'bi_reader')) }}
{%- endmacro %}

{#- dbt applies the `grants` config on every adapter. DuckDB only warns that it has no grants,
    and open-source Spark has no GRANT statement; both skip it here without a warning. -#}
{% macro duckdb__apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}

{% macro spark__apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}
