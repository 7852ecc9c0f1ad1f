-- decayed_points() (SPEC §4: points x 0.5 ^ (age_days / half_life_days), none once age_days
-- reaches window_days) against values worked out by hand. Returns every case whose result
-- differs by more than 1e-9 (or is null).
with cases as (
    select * from (
        values
        ('no half-life, no window: full points', 10, 100, null, null, 10.0),
        ('same day', 10, 0, 10, null, 10.0),
        ('one half-life: half', 10, 10, 10, null, 5.0),
        ('three half-lives: an eighth', 10, 30, 10, null, 1.25),
        ('half a half-life: 10 / sqrt(2)', 10, 5, 10, null, 7.0710678118654755),
        ('negative points decay too', -20, 14, 7, null, -5.0),
        ('inside the window', 10, 29, null, 30, 10.0),
        ('on the window edge: nothing', 10, 30, null, 30, 0.0),
        ('past the window: nothing, also with decay', 10, 45, 10, 30, 0.0),
        ('decay inside the window', 8, 20, 10, 90, 2.0)
    ) as cases (  -- noqa: AL05
        case_name, points, age_days, half_life_days, window_days, expected_points
    )
),

typed_cases as (
    select
        case_name,
        cast(points as {{ scoring_type_double() }}) as points,
        cast(age_days as {{ scoring_type_double() }}) as age_days,
        cast(half_life_days as {{ scoring_type_double() }}) as half_life_days,
        cast(window_days as {{ scoring_type_double() }}) as window_days,
        cast(expected_points as {{ scoring_type_double() }}) as expected_points
    from cases
),

results as (
    select
        case_name,
        expected_points,
        {{ decayed_points('points', 'age_days', 'half_life_days', 'window_days') }} as actual_points
    from typed_cases
)

select *
from results
where actual_points is null or abs(actual_points - expected_points) > 1e-9
