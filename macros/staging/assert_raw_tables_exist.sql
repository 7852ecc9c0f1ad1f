{#- on-run-start check: every raw table that a selected node reads exists, so that a missing raw
    table stops `dbt build` / `run` / `test` before anything runs, with one message naming every
    missing table (instead of a catalog error in the first source test that touches it). Only the
    areas read from the raw schema are checked (var lead_scoring_sources): the raw sources of the
    other areas are disabled, and a connector's tables are checked by its staging models
    (connector_columns), which name the var that switches a missing one off. -#}
{% macro assert_raw_tables_exist() %}
    {%- if execute and flags.WHICH in ('build', 'run', 'test') -%}
        {%- set needed = [] -%}
        {%- for node in graph.nodes.values() if node.unique_id in selected_resources -%}
            {%- for parent in node.depends_on.nodes if parent.startswith('source.') -%}
                {%- if parent not in needed -%}{%- do needed.append(parent) -%}{%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- set missing = [] -%}
        {%- set areas = lead_scoring_sources() -%}
        {%- for source_id in needed | sort
            if graph.sources[source_id].source_name in areas
            and areas[graph.sources[source_id].source_name] == 'raw' -%}
            {%- set source_node = graph.sources[source_id] -%}
            {%- set relation = adapter.get_relation(
                database=source_node.database,
                schema=source_node.schema,
                identifier=source_node.identifier) -%}
            {%- if relation is none -%}
                {%- do missing.append(source_node.schema ~ '.' ~ source_node.identifier) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                "Raw table " ~ missing | join(', ') ~ " does not exist. Load it "
                ~ "(python scripts/load_raw.py DIR) or create it with the columns of its sources YAML, "
                ~ "even if empty.") }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
