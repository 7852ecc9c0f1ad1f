-- The generic test primary_key (macros/tests/primary_key.sql) on a key with a duplicate, a null
-- and unique values: the test's failing keys, with their row counts, must be exactly the
-- duplicated one (2 rows) and the null (1 row). Returns every key where they differ.
with cases as (
    select * from (
        values
        ('C1'),
        ('C2'),
        ('C2'),
        ('C3'),
        (null)
    ) as cases (contact_id)  -- noqa: AL05
),

expected as (
    select * from (
        values
        ('C2', 2),
        (null, 1)
    ) as expected (key_value, rows_with_key)  -- noqa: AL05
),

failures as (
    {{ test_primary_key('cases', 'contact_id') }}
),

differences as (
    select
        coalesce(expected.key_value, failures.key_value) as key_value,
        expected.rows_with_key as expected_rows,
        failures.rows_with_key as failing_rows
    from expected
    full outer join failures
        on coalesce(expected.key_value, '~null~') = coalesce(failures.key_value, '~null~')
)

select *
from differences
where expected_rows is null
    or failing_rows is null
    or expected_rows != failing_rows
