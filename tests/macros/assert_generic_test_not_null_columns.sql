-- The generic test not_null_columns (macros/tests/not_null_columns.sql) on three columns: one
-- never null, one null on two rows, one null on one row (a row where both are null counts for
-- each). The test's failing rows must be exactly b with 2 null rows and c with 1: the column
-- without nulls gives no row. Returns every column where they differ.
with cases as (
    select * from (
        values
        ('C1', 'x', 1),
        ('C2', null, 2),
        ('C3', null, null),
        ('C4', 'y', 4)
    ) as cases (a, b, c)  -- noqa: AL05
),

expected as (
    select * from (
        values
        ('b', 2),
        ('c', 1)
    ) as expected (column_name, null_rows)  -- noqa: AL05
),

failures as (
    {{ test_not_null_columns('cases', ['a', 'b', 'c']) }}
),

differences as (
    select
        coalesce(expected.column_name, failures.column_name) as column_name,
        expected.null_rows as expected_null_rows,
        failures.null_rows as failing_null_rows
    from expected
    full outer join failures
        on expected.column_name = failures.column_name
)

select *
from differences
where expected_null_rows is null
    or failing_null_rows is null
    or expected_null_rows != failing_null_rows
