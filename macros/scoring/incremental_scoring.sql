{#- The incremental score and history models: each keeps, for every scoring day (as_of_date,
    backtest_date) and contact, its rows and the fingerprint of the contact's inputs they were
    computed from (input_fingerprint, from int_scoring_contact_fingerprints). A run recomputes
    only the contacts whose fingerprint changed: before the run the rows of those contacts, and of
    contacts that no longer exist on their scoring day, are deleted (pre_hook
    delete_changed_scoring_contacts); the model then selects the rows of the contacts it no longer
    holds with their current fingerprint (changed_scoring_contacts) and appends them. A contact
    whose fingerprint did not change keeps rows equal to the ones a full refresh computes (see
    int_scoring_contact_fingerprints for why). -#}

{#- The materialization of those models: incremental where the warehouse can delete rows,
    a table on Spark, whose plain tables cannot (there every run computes every contact). -#}
{% macro scoring_history_materialization() -%}
    {{ return(adapter.dispatch('scoring_history_materialization', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__scoring_history_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__scoring_history_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- The body of a `changed` CTE: scoring_day, contact_id and input_fingerprint of every contact
    to compute in this run. A full build: every contact of int_scoring_contact_fingerprints. An
    incremental run: the contacts whose current fingerprint has no row in the model (new, changed,
    or deleted by the pre_hook). -#}
{% macro changed_scoring_contacts() -%}
    select
        fingerprints.scoring_day,
        fingerprints.contact_id,
        fingerprints.input_fingerprint
    from {{ ref('int_scoring_contact_fingerprints') }} as fingerprints
    {%- if is_incremental() %}
        {%- do assert_scoring_fingerprint_column() %}
    where not exists (
        select 1
        from {{ this }} as stored
        where stored.scoring_day = fingerprints.scoring_day
            and stored.contact_id = fingerprints.contact_id
            and stored.input_fingerprint = fingerprints.input_fingerprint
    )
    {%- endif %}
{%- endmacro %}

{#- pre_hook of the incremental score models: delete the rows whose contact's fingerprint is no
    longer current (its inputs changed, or it does not exist on the scoring day any more). Renders
    nothing on a full build. -#}
{% macro delete_changed_scoring_contacts() -%}
    {%- if is_incremental() -%}
        {%- do assert_scoring_fingerprint_column() -%}
        delete from {{ this }} as stored
        where not exists (
            select 1
            from {{ ref('int_scoring_contact_fingerprints') }} as fingerprints
            where fingerprints.scoring_day = stored.scoring_day
                and fingerprints.contact_id = stored.contact_id
                and fingerprints.input_fingerprint = stored.input_fingerprint
        )
    {%- endif -%}
{%- endmacro %}

{#- A table built by a version of the project from before the incremental score models has no
    input_fingerprint: stop with what to do rather than with a missing column. -#}
{% macro assert_scoring_fingerprint_column() -%}
    {#- a unit test's `this` is the name of its mocked rows, not a table -#}
    {%- if execute and this is not string -%}
        {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
        {%- if columns and 'input_fingerprint' not in columns -%}
            {{ exceptions.raise_compiler_error(
                this ~ " was built by an older version of the project (it has no input_fingerprint "
                ~ "column): run `dbt build --full-refresh` once to rebuild the score models.") }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The fingerprint of one row: a text that changes when any of `expressions` (SQL expressions)
    changes. Dispatched: DuckDB hashes the values themselves; elsewhere the md5 of their text. -#}
{% macro row_fingerprint(expressions) -%}
    {{ return(adapter.dispatch('row_fingerprint', 'lead_scoring')(expressions)) }}
{%- endmacro %}

{% macro default__row_fingerprint(expressions) -%}
    {%- set parts = [] -%}
    {%- for expression in expressions -%}
        {%- do parts.append("coalesce(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    md5({{ dbt.concat(parts) }})
{%- endmacro %}

{% macro duckdb__row_fingerprint(expressions) -%}
    cast(hash({{ expressions | join(', ') }}) as {{ dbt.type_string() }})
{%- endmacro %}

{#- The fingerprint of a group of rows (an aggregate): a text that changes when a row of the group
    is added, removed or changed, whatever the order of the rows. `expressions` are the SQL
    expressions of one row. DuckDB sums the rows' hashes (exact, as a 38-digit decimal) and counts
    them; elsewhere the md5 of the sorted md5 texts of the rows. -#}
{% macro rows_fingerprint(expressions) -%}
    {{ return(adapter.dispatch('rows_fingerprint', 'lead_scoring')(expressions)) }}
{%- endmacro %}

{% macro default__rows_fingerprint(expressions) -%}
    md5({{ dbt.listagg(row_fingerprint(expressions), "','", "order by " ~ row_fingerprint(expressions)) }})
{%- endmacro %}

{#- Spark's collect_list has no order: the md5 texts are sorted as an array. -#}
{% macro spark__rows_fingerprint(expressions) -%}
    md5(array_join(array_sort(collect_list({{ row_fingerprint(expressions) }})), ','))
{%- endmacro %}

{% macro duckdb__rows_fingerprint(expressions) -%}
    {{ dbt.concat([
        "cast(count(*) as " ~ dbt.type_string() ~ ")",
        "':'",
        "cast(sum(cast(hash(" ~ (expressions | join(', ')) ~ ") as decimal(38, 0))) as " ~ dbt.type_string() ~ ")",
    ]) }}
{%- endmacro %}

{#- The fingerprint of a whole relation's rows (every column), as a scalar subquery. -#}
{% macro relation_fingerprint(relation) -%}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do columns.append(adapter.quote(column.name)) -%}
        {%- endfor -%}
    {%- endif -%}
    (select {{ rows_fingerprint(columns if columns else ["1"]) }} from {{ relation }})
{%- endmacro %}
