-- The generic test accepted_values_not_null (macros/tests/accepted_values_not_null.sql) on
-- accepted values, a value outside the list, a value with a quote in it and nulls: the failing
-- values, with their row counts, must be exactly the unknown value (1 row) and the null (2 rows);
-- the value with a quote is in the list and passes. Returns every value where they differ.
with cases as (
    select * from (
        values
        ('mql'),
        ('sql'),
        ('sql'),
        ('{{ escape_single_quotes("o'brien") }}'),
        ('customer'),
        (null),
        (null)
    ) as cases (lifecycle_stage)  -- noqa: AL05
),

expected as (
    select * from (
        values
        ('customer', 1),
        (null, 2)
    ) as expected (value_field, rows_with_value)  -- noqa: AL05
),

failures as (
    {{ test_accepted_values_not_null('cases', 'lifecycle_stage', ['mql', 'sql', "o'brien"]) }}
),

differences as (
    select
        coalesce(expected.value_field, failures.value_field) as value_field,
        expected.rows_with_value as expected_rows,
        failures.rows_with_value as failing_rows
    from expected
    full outer join failures
        on coalesce(expected.value_field, '~null~') = coalesce(failures.value_field, '~null~')
)

select *
from differences
where expected_rows is null
    or failing_rows is null
    or expected_rows != failing_rows
