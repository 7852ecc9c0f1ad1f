-- The generic test unique_combination_of_columns (macros/tests/unique_combination_of_columns.sql)
-- on rows with and without duplicates, for two columns and for one column given as a string (a
-- null is a value like any other): the test's failing combinations, with their row counts, must be
-- exactly the expected ones. Returns every combination where they differ.
with cases as (
    select * from (
        values
        ('C1', 'R1'),
        ('C1', 'R2'),
        ('C2', 'R1'),
        ('C2', 'R1'),
        (null, 'R3'),
        (null, 'R3'),
        ('C3', null)
    ) as cases (contact_id, rule_id)  -- noqa: AL05
),

expected as (
    select * from (
        values
        ('contact_id, rule_id', 'C2', 'R1', 2),
        ('contact_id, rule_id', null, 'R3', 2),
        ('contact_id', 'C1', null, 2),
        ('contact_id', 'C2', null, 2),
        ('contact_id', null, null, 2)
    ) as expected (variant, contact_id, rule_id, duplicate_rows)  -- noqa: AL05
),

pair_failures as (
    {{ test_unique_combination_of_columns('cases', ['contact_id', 'rule_id']) }}
),

single_failures as (
    {{ test_unique_combination_of_columns('cases', 'contact_id') }}
),

actual as (
    select
        'contact_id, rule_id' as variant,
        contact_id,
        rule_id,
        duplicate_rows
    from pair_failures
    union all
    select
        'contact_id' as variant,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as rule_id,
        duplicate_rows
    from single_failures
),

compared as (
    select
        coalesce(actual.variant, expected.variant) as variant,
        coalesce(actual.contact_id, expected.contact_id) as contact_id,
        coalesce(actual.rule_id, expected.rule_id) as rule_id,
        actual.duplicate_rows as actual_rows,
        expected.duplicate_rows as expected_rows
    from actual
    full outer join expected
        on
            actual.variant = expected.variant
            and coalesce(actual.contact_id, '(null)') = coalesce(expected.contact_id, '(null)')
            and coalesce(actual.rule_id, '(null)') = coalesce(expected.rule_id, '(null)')
)

select *
from compared
where actual_rows is null or expected_rows is null or actual_rows != expected_rows
