-- running_totals_on_days (macros/scoring/running_totals.sql) on hand-made rows, both the version
-- this engine dispatches to (an ASOF join on DuckDB) and the portable one. Partition s/A has
-- changes on 1 January (+10, seen that day), two on 3 January (+5 unseen, −2 seen that day) and
-- one on 6 January (−10); s/B one on 5 January (+7); s/C none. Each probe reads the totals of
-- its partition's changes dated on or before it, that day's included, worked out by hand:
--   A 31 Dec: nothing yet (null, null); 1 Jan: 10, seen 1 Jan; 2 Jan: 10, 1 Jan;
--   3 Jan: 10 + 5 − 2 = 13, 3 Jan; 6 Jan: 13 − 10 = 3, 3 Jan; 9 Jan: 3, 3 Jan;
--   B 4 Jan: null, null; 5 Jan: 7, null (a max of nulls); C 1 Jan: null, null.
-- Partition t/A shares A with s/A but not its scope: one change on 2 January (+100, seen that day),
-- so t/A 3 Jan: 100, 2 Jan (a version that partitioned by one column only would mix them).
-- Returns every probe where a version's totals differ from these, or whose row is missing or
-- repeated.
with change_cases as (
    select * from (
        values
        ('s', 'A', '2020-01-01', 10, '2020-01-01'),
        ('s', 'A', '2020-01-03', 5, null),
        ('s', 'A', '2020-01-03', -2, '2020-01-03'),
        ('s', 'A', '2020-01-06', -10, null),
        ('s', 'B', '2020-01-05', 7, null),
        ('t', 'A', '2020-01-02', 100, '2020-01-02')
    ) as change_cases (scope, partition_key, change_text, amount, seen_text)  -- noqa: AL05
),

probe_cases as (
    select * from (
        values
        ('s', 'A', '2019-12-31', 'a0', null, null),
        ('s', 'A', '2020-01-01', 'a1', 10, '2020-01-01'),
        ('s', 'A', '2020-01-02', 'a2', 10, '2020-01-01'),
        ('s', 'A', '2020-01-03', 'a3', 13, '2020-01-03'),
        ('s', 'A', '2020-01-06', 'a4', 3, '2020-01-03'),
        ('s', 'A', '2020-01-09', 'a5', 3, '2020-01-03'),
        ('s', 'B', '2020-01-04', 'b0', null, null),
        ('s', 'B', '2020-01-05', 'b1', 7, null),
        ('s', 'C', '2020-01-01', 'c0', null, null),
        ('t', 'A', '2020-01-03', 't0', 100, '2020-01-02')
    ) as probe_cases (scope, partition_key, probe_text, label, expected_amount, expected_seen_text)  -- noqa: AL05
),

changes as (
    select
        scope,
        partition_key,
        cast(change_text as date) as change_date,
        amount,
        cast(seen_text as date) as seen_date
    from change_cases
),

probes as (
    select
        scope,
        partition_key,
        cast(probe_text as date) as probe_date,
        label
    from probe_cases
),

{% set totals = [
    {'name': 'amount_to_date', 'aggregate': 'sum', 'column': 'amount'},
    {'name': 'last_seen_date', 'aggregate': 'max', 'column': 'seen_date'},
] %}

dispatched as (
    {{ running_totals_on_days(
        'changes', 'probes', ['scope', 'partition_key'], 'change_date', 'probe_date', totals) }}
),

portable as (
    {{ default__running_totals_on_days(
        'changes', 'probes', ['scope', 'partition_key'], 'change_date', 'probe_date', totals) }}
),

results as (
    select
        'dispatched' as version,
        label,
        amount_to_date,
        last_seen_date
    from dispatched
    union all
    select
        'portable' as version,
        label,
        amount_to_date,
        last_seen_date
    from portable
),

expected as (
    select
        versions.version,
        probe_cases.label,
        probe_cases.expected_amount,
        cast(probe_cases.expected_seen_text as date) as expected_seen_date
    from probe_cases
    cross join (
        select 'dispatched' as version
        union all
        select 'portable' as version
    ) as versions
),

counted as (
    select
        version,
        label,
        count(*) as result_rows,
        max(amount_to_date) as amount_to_date,
        max(last_seen_date) as last_seen_date
    from results
    group by version, label
),

differences as (
    select
        expected.version,
        expected.label,
        expected.expected_amount,
        counted.amount_to_date,
        expected.expected_seen_date,
        counted.last_seen_date,
        counted.result_rows
    from expected
    left join counted
        on expected.version = counted.version
            and expected.label = counted.label
    where counted.result_rows is null
        or counted.result_rows != 1
        or coalesce(counted.amount_to_date, -999) != coalesce(expected.expected_amount, -999)
        or coalesce(counted.last_seen_date, cast('1900-01-01' as date))
        != coalesce(expected.expected_seen_date, cast('1900-01-01' as date))
)

select * from differences
