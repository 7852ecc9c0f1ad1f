-- The generic test accepted_range (macros/tests/accepted_range.sql) on rows that must pass and
-- rows that must fail, for inclusive and exclusive bounds, for one bound only and with nulls
-- refused (allow_null=false): the test's
-- failing rows must be exactly the rows expected to fail. Returns every row where they differ.
with cases as (
    select * from (
        values
        ('below min', -1, true, true, true, false),
        ('on min', 0, false, true, false, false),
        ('inside', 5.5, false, false, false, false),
        ('on max', 10, false, true, false, false),
        ('above max', 11, true, true, false, false),
        ('far above', 1000, true, true, false, true),
        ('null passes', null, false, false, false, false)
    ) as cases (  -- noqa: AL05
        case_name, measured, fails_inclusive, fails_exclusive, fails_min_only, fails_max_only
    )
),

inclusive_failures as (
    {{ test_accepted_range('cases', 'measured', min_value=0, max_value=10) }}
),

exclusive_failures as (
    {{ test_accepted_range('cases', 'measured', min_value=0, max_value=10, inclusive=false) }}
),

min_only_failures as (
    {{ test_accepted_range('cases', 'measured', min_value=0) }}
),

max_only_failures as (
    {{ test_accepted_range('cases', 'measured', max_value=100) }}
),

not_null_failures as (
    {{ test_accepted_range('cases', 'measured', min_value=0, max_value=10, allow_null=false) }}
),

checked as (
    select
        cases.case_name,
        'between 0 and 10' as variant,
        cases.fails_inclusive as expected_to_fail,
        inclusive_failures.case_name is not null as failed
    from cases
    left join inclusive_failures
        on cases.case_name = inclusive_failures.case_name
    union all
    select
        cases.case_name,
        'between 0 and 10, bounds excluded' as variant,
        cases.fails_exclusive as expected_to_fail,
        exclusive_failures.case_name is not null as failed
    from cases
    left join exclusive_failures
        on cases.case_name = exclusive_failures.case_name
    union all
    select
        cases.case_name,
        'at least 0' as variant,
        cases.fails_min_only as expected_to_fail,
        min_only_failures.case_name is not null as failed
    from cases
    left join min_only_failures
        on cases.case_name = min_only_failures.case_name
    union all
    select
        cases.case_name,
        'at most 100' as variant,
        cases.fails_max_only as expected_to_fail,
        max_only_failures.case_name is not null as failed
    from cases
    left join max_only_failures
        on cases.case_name = max_only_failures.case_name
    union all
    select
        cases.case_name,
        'between 0 and 10, null refused' as variant,
        cases.fails_inclusive or cases.measured is null as expected_to_fail,
        not_null_failures.case_name is not null as failed
    from cases
    left join not_null_failures
        on cases.case_name = not_null_failures.case_name
)

select *
from checked
where expected_to_fail != failed
