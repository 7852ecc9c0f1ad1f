-- Nothing is lost silently: for every raw table, raw rows = clean rows (staging) +
-- quarantined rows (fct_quarantined_rows) + superseded rows (older CRM versions) + after_as_of rows
-- (not happened yet on as_of_date). Returns the raw
-- tables that do not reconcile, and fails when a raw table of the sources YAML is missing from the
-- reconciliation (macro raw_tables). A raw table whose area is read from a connector (var
-- lead_scoring_sources) is counted from its mapped rows (macro raw_relation); its raw source is
-- disabled, and the connectors' own sources (meta.connector) are not raw tables.
with reconciliation as (
    select * from {{ ref('fct_raw_reconciliation') }}
),

-- every table of the sources YAML (the raw contract), not a list of its own
expected_tables as (
    {%- set source_tables = [] -%}
    {%- if execute -%}
        {%- for node in graph.sources.values()
            if node.package_name == 'lead_scoring' and not (node.meta or {}).get('connector') -%}
            {%- do source_tables.append(node.name) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for raw_table in source_tables | sort %}
        select '{{ raw_table }}' as raw_table
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- else %}
        select cast(null as {{ dbt.type_string() }}) as raw_table
        where 1 = 0
    {%- endfor %}
),

unreconciled as (
    select
        expected_tables.raw_table,
        reconciliation.raw_rows,
        reconciliation.clean_rows,
        reconciliation.quarantined_rows,
        reconciliation.superseded_rows,
        reconciliation.after_as_of_rows
    from expected_tables
    left join reconciliation
        on expected_tables.raw_table = reconciliation.raw_table
    where reconciliation.raw_table is null
    union all
    select
        raw_table,
        raw_rows,
        clean_rows,
        quarantined_rows,
        superseded_rows,
        after_as_of_rows
    from reconciliation
    where reconciliation.raw_rows
        != reconciliation.clean_rows + reconciliation.quarantined_rows
        + reconciliation.superseded_rows + reconciliation.after_as_of_rows
)

select * from unreconciled
