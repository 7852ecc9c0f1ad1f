-- capped_points() (sign(total) x min(|total|, max_points)) against values worked out by
-- hand. Returns every case whose result differs by more than 1e-9 (or is null).
with cases as (
    select * from (
        values
        ('no cap', 42, null, 42),
        ('under the cap', 4, 10, 4),
        ('capped', 7.5, 6, 6),
        ('on the cap', 6, 6, 6),
        ('negative total capped, keeping its sign', -20, 15, -15),
        ('negative total under the cap', -4, 10, -4),
        ('negative total without cap', -20, null, -20),
        ('zero total', 0, 5, 0),
        ('cap 0', -3, 0, 0)
    ) as cases (case_name, total, max_points, expected_points)  -- noqa: AL05
),

typed_cases as (
    select
        case_name,
        cast(total as {{ scoring_type_double() }}) as total,
        cast(max_points as {{ scoring_type_double() }}) as max_points,
        cast(expected_points as {{ scoring_type_double() }}) as expected_points
    from cases
),

results as (
    select
        case_name,
        expected_points,
        {{ capped_points('total', 'max_points') }} as actual_points
    from typed_cases
)

select *
from results
where actual_points is null or abs(actual_points - expected_points) > 1e-9
