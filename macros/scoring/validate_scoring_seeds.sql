{#- Seed validation: fails the calling model with every problem of the given seeds, one
    per line, each naming the file, the rule_id / setting / grade / pattern and what is wrong:

        scoring_fit_rules.csv rule_id 'F07': unknown operator 'equal' (allowed: equals, ...)

    The checks themselves are the model int_scoring__seed_problems (one CTE per check); this macro
    only reads that model's rows for the given seeds and raises with them, after the var
    seed_fix_hint (what to fix where: the seeds/ folder, or what_if.py's candidate folder). The
    typed seed models (models/intermediate/seeds/) call it at their top, so they depend on the problems
    model, which dbt builds right after the seeds: a bad seed stops `dbt build` before any score
    is computed. Renders to nothing. Also usable on its own: `dbt run-operation
    validate_scoring_seeds` reports the problems model as last built. -#}
{% macro validate_scoring_seeds(seed_names=none) %}
    {%- set all_names = ['scoring_fit_rules', 'scoring_interest_rules', 'scoring_grades',
                         'scoring_settings', 'job_title_seniority'] -%}
    {%- set names = all_names if seed_names is none else seed_names -%}
    {%- for name in names if name not in all_names -%}
        {{ exceptions.raise_compiler_error("validate_scoring_seeds: unknown seed '" ~ name ~ "' (known: " ~ all_names | join(', ') ~ ")") }}
    {%- endfor -%}
    {#- ref() outside `execute` too, so that dbt records the problems model as a dependency. -#}
    {%- set problems_relation = ref('int_scoring__seed_problems') -%}
    {%- if execute and names -%}
        {%- if load_relation(problems_relation) is none -%}
            {%- do log("validate_scoring_seeds: " ~ problems_relation ~ " is not built yet, validation skipped; run dbt build", info=true) -%}
        {%- else -%}
            {%- set problems_sql -%}
                select seed_file, key_name, key_value, problem
                from {{ problems_relation }}
                where seed_file in ({% for name in names %}'{{ name }}.csv'{{ ', ' if not loop.last }}{% endfor %})
                order by seed_file, key_value, problem
            {%- endset -%}
            {%- set problems = run_query(problems_sql) -%}
            {%- if problems.rows | length > 0 -%}
                {%- set lines = [] -%}
                {%- for row in problems.rows -%}
                    {%- set key = "'" ~ row['key_value'] ~ "'" if row['key_value'] is not none else '(missing)' -%}
                    {%- do lines.append('  ' ~ row['seed_file'] ~ ' ' ~ row['key_name'] ~ ' ' ~ key ~ ': ' ~ row['problem']) -%}
                {%- endfor -%}
                {{ exceptions.raise_compiler_error(
                    "Bad scoring seeds (" ~ lines | length ~ " problem" ~ ('s' if lines | length != 1 else '')
                    ~ "); " ~ var('seed_fix_hint', 'fix the CSV files in seeds/ and run dbt build again')
                    ~ ":\n" ~ lines | join('\n')) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
