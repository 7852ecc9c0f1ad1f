-- The two versions of classify_rows (macros/staging/quarantine.sql) on hand-made rows: the
-- portable one (one window over every row) and DuckDB's (the window only over rows whose key is
-- null or repeats) must give every row the same version_rank, quarantine_reason and row_status.
-- The rows: a key on one row (K1), a key on a clean and a later duplicate (K2), a key whose
-- second row has a problem (K3), a key with one row after as_of_date (2099) and one before (K4), a key
-- repeated only among rows with problems (K5), and two rows without a key (no rank). Returns
-- every row where the versions differ, every row missing from either, and a keyless row with a
-- rank.
with cases as (
    select * from (
        values
        ('r1', 'K1', '2020-01-10', null),
        ('r2', 'K2', '2020-01-10', null),
        ('r3', 'K2', '2020-01-20', null),
        ('r4', 'K3', '2020-01-10', null),
        ('r5', 'K3', '2020-01-20', 'unparsable occurred_at'),
        ('r6', 'K4', '2020-01-10', null),
        ('r7', 'K4', '2099-01-10', null),
        ('r8', 'K5', '2020-01-10', 'missing contact_id'),
        ('r9', 'K5', '2020-01-10', 'missing contact_id'),
        ('r10', null, '2020-01-10', 'missing event_id'),
        ('r11', null, '2020-01-20', 'missing event_id')
    ) as cases (raw_row, event_key, latest_text, row_problem)  -- noqa: AL05
),

checked as (
    select
        raw_row,
        event_key,
        cast(latest_text as date) as latest,
        row_problem
    from cases
),

portable as (
    {{ default__classify_rows('checked', 'event_key', 'latest', after_as_of_column='latest') }}
),

duckdb_version as (
    {{ duckdb__classify_rows('checked', 'event_key', 'latest', after_as_of_column='latest') }}
),

differences as (
    select
        coalesce(portable.raw_row, duckdb_version.raw_row) as raw_row,
        portable.event_key,
        portable.version_rank as portable_rank,
        duckdb_version.version_rank as duckdb_rank,
        portable.row_status as portable_status,
        duckdb_version.row_status as duckdb_status
    from portable
    full outer join duckdb_version
        on portable.raw_row = duckdb_version.raw_row
    where portable.raw_row is null
        or duckdb_version.raw_row is null
        or coalesce(portable.version_rank, -1) != coalesce(duckdb_version.version_rank, -1)
        -- a row without a key has no rank (it is quarantined for its missing key)
        or (portable.event_key is null and portable.version_rank is not null)
        or portable.row_status != duckdb_version.row_status
        or coalesce(portable.quarantine_reason, '') != coalesce(duckdb_version.quarantine_reason, '')
)

select * from differences
