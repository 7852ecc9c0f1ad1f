{#- on-run-start (dbt_project.yml): DuckDB plans an IN list of five or more constants as a join
    against the list. The raw layer tests every value against such lists (blank characters, null
    markers, booleans); this project's profile switches that rewrite off (profiles.yml,
    disabled_optimizers: in_clause), but a project that installs this one as a package has its own
    profile: there a connector mapping, which reads its staging views several times, took minutes
    to plan on a few rows (DuckDB 1.4). So the run switches the rewrite off itself, keeping the
    optimizers the profile already disabled. The rewrite only changes how a list is compared,
    never a result. Nothing on other engines. -#}
{% macro duckdb_in_clause_optimizer_off() -%}
    {{ return(adapter.dispatch('duckdb_in_clause_optimizer_off', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__duckdb_in_clause_optimizer_off() -%}
{%- endmacro %}

{% macro duckdb__duckdb_in_clause_optimizer_off() -%}
    {%- if execute -%}
        {%- set current = run_query("select current_setting('disabled_optimizers')").columns[0].values()[0] or '' -%}
        {%- set names = [] -%}
        {%- for name in current.split(',') if name | trim -%}
            {%- do names.append(name | trim | lower) -%}
        {%- endfor -%}
        {%- if 'in_clause' not in names -%}
            {%- do names.append('in_clause') -%}
            set disabled_optimizers = '{{ names | join(",") }}'
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
