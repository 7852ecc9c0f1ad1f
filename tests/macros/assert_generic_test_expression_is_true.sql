-- The generic test expression_is_true (macros/tests/expression_is_true.sql) on rows that must pass
-- and rows that must fail, with a whole expression and with column_name: the test's failing rows
-- must be exactly the rows expected to fail (a null result passes). Returns every row where they
-- differ.
with cases as (
    select * from (
        values
        ('negative', -1, true, false),
        ('zero', 0, false, false),
        ('fifty', 50, false, false),
        ('one hundred fifty', 150, false, true),
        ('null passes', null, false, false)
    ) as cases (case_name, amount, fails_expression, fails_column)  -- noqa: AL05
),

expression_failures as (
    {{ test_expression_is_true('cases', 'amount >= 0') }}
),

column_failures as (
    {{ test_expression_is_true('cases', '< 100', column_name='amount') }}
),

checked as (
    select
        cases.case_name,
        'amount >= 0' as variant,
        cases.fails_expression as expected_to_fail,
        expression_failures.case_name is not null as failed
    from cases
    left join expression_failures
        on cases.case_name = expression_failures.case_name
    union all
    select
        cases.case_name,
        'column amount, < 100' as variant,
        cases.fails_column as expected_to_fail,
        column_failures.case_name is not null as failed
    from cases
    left join column_failures
        on cases.case_name = column_failures.case_name
)

select *
from checked
where expected_to_fail != failed
