-- One row per raw table (macro raw_tables). Every count comes from a different model, so the
-- equation checks the whole chain:
-- raw (the source itself, or a connector's mapped rows: macro raw_relation) = clean (staging) +
-- quarantined (quarantine mart) + superseded and after_as_of (base).
with counts as (
    {% for raw in raw_tables() %}
        select
            '{{ raw.table }}' as raw_table,
            (select count(*) from {{ raw_relation(raw.source, raw.table) }}) as raw_rows,
            (select count(*) from {{ ref(raw.staging_model) }}) as clean_rows,
            (
                select count(*) from {{ ref('fct_quarantined_rows') }}
                where raw_table = '{{ raw.table }}'
            ) as quarantined_rows,
            (
                select count(*) from {{ ref(raw.base_model) }}
                where row_status = 'superseded'
            ) as superseded_rows,
            (
                select count(*) from {{ ref(raw.base_model) }}
                where row_status = 'after_as_of'
            ) as after_as_of_rows
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

reconciled as (
    select
        raw_table,
        raw_rows,
        clean_rows,
        quarantined_rows,
        superseded_rows,
        after_as_of_rows,
        raw_rows = clean_rows + quarantined_rows + superseded_rows + after_as_of_rows as is_reconciled
    from counts
)

select * from reconciled
