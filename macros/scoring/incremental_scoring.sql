{#- The incremental score and history models: each keeps, for every scoring day (as_of_date,
    backtest_date) and contact, its rows and the fingerprint of the contact's inputs they were
    computed from (input_fingerprint, from int_scoring_contact_fingerprints). A run recomputes
    only the contacts whose fingerprint changed: before the run the rows of those contacts, and of
    contacts that no longer exist on their scoring day, are deleted (pre_hook
    delete_changed_scoring_contacts); the model then selects the rows of the contacts it no longer
    holds with their current fingerprint (changed_scoring_contacts) and appends them. A contact
    whose fingerprint did not change keeps rows equal to the ones a full refresh computes (see
    int_scoring_contact_fingerprints for why). -#}

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
        from {{ stored_scoring_fingerprints() }} as stored
        where stored.scoring_day = fingerprints.scoring_day
            and stored.contact_id = fingerprints.contact_id
            and stored.input_fingerprint = fingerprints.input_fingerprint
    )
    {%- endif %}
{%- endmacro %}

{#- The fingerprints the model holds, one row per scoring day and contact: what a run compares
    the current fingerprints with. Grouped first, so that the comparison joins a row per contact
    (about 2 million at 1,000,000 contacts) rather than every stored row (127 million rows of the
    interest history, whose hash table did not fit in 24 GB). -#}
{% macro stored_scoring_fingerprints() -%}
    (
        select distinct
            scoring_day,
            contact_id,
            input_fingerprint
        from {{ this }}
    )
{%- endmacro %}

{#- pre_hook of the incremental score models: delete the rows whose contact's fingerprint is no
    longer current (its inputs changed, or it does not exist on the scoring day any more): the
    stale contacts are found on one row per contact, then their rows are deleted. Renders nothing
    on a full build. -#}
{% macro delete_changed_scoring_contacts() -%}
    {%- if is_incremental() -%}
        {%- do assert_scoring_fingerprint_column() -%}
        delete from {{ this }} as stored
        where exists (
            select 1
            from (
                select
                    kept.scoring_day,
                    kept.contact_id
                from {{ stored_scoring_fingerprints() }} as kept
                where not exists (
                    select 1
                    from {{ ref('int_scoring_contact_fingerprints') }} as fingerprints
                    where fingerprints.scoring_day = kept.scoring_day
                        and fingerprints.contact_id = kept.contact_id
                        and fingerprints.input_fingerprint = kept.input_fingerprint
                )
            ) as stale
            where stale.scoring_day = stored.scoring_day
                and stale.contact_id = stored.contact_id
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
