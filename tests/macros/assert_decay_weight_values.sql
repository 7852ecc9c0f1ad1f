-- decay_weight() (0.5 ^ ((reference − day) / half_life_days), 1 without a
-- half-life) against values worked out by hand, and the identity the engine rests on: points of
-- day t decayed to day d are points × weight(t) / weight(d) = points × 0.5 ^ ((d − t) / h),
-- whatever the reference day. Returns every case whose result differs by more than 1e-9.
with cases as (
    select * from (
        values
        ('no half-life: weight 1', '2026-06-10', '2026-05-01', null, 10.0, '2026-06-10', 10.0),
        ('the reference day itself: weight 1', '2026-06-10', '2026-06-10', 7, 10.0, '2026-06-10', 10.0),
        ('one half-life before the reference: half', '2026-06-10', '2026-05-31', 10, 10.0, '2026-06-10', 5.0),
        ('three half-lives before: an eighth', '2026-06-10', '2026-05-11', 10, 10.0, '2026-06-10', 1.25),
        ('half a half-life before: 10 / sqrt(2)', '2026-06-10', '2026-06-05', 10, 10.0, '2026-06-10', 7.0710678118654755),
        -- read on a later day d: 06-01 to 06-15 is 14 days, two half-lives of 7: a quarter, with the
        -- reference 06-10 between them
        ('decayed to a later day, reference between', '2026-06-10', '2026-06-01', 7, 10.0, '2026-06-15', 2.5),
        ('negative points decay too', '2026-06-30', '2026-06-16', 7, -20.0, '2026-06-30', -5.0),
        ('no half-life: no decay to a later day', '2026-06-10', '2026-06-01', null, 10.0, '2026-09-01', 10.0)
    ) as cases (  -- noqa: AL05
        case_name, reference_text, day_text, half_life_days, points, read_on_text, expected_points
    )
),

typed_cases as (
    select
        case_name,
        cast(reference_text as date) as reference_date,
        cast(day_text as date) as matched_date,
        cast(read_on_text as date) as read_on_date,
        cast(half_life_days as {{ scoring_type_double() }}) as half_life_days,
        cast(points as {{ scoring_type_double() }}) as points,
        cast(expected_points as {{ scoring_type_double() }}) as expected_points
    from cases
),

results as (
    select
        case_name,
        expected_points,
        points
        * {{ decay_weight('reference_date', 'matched_date', 'half_life_days') }}
        / {{ decay_weight('reference_date', 'read_on_date', 'half_life_days') }} as actual_points
    from typed_cases
)

select *
from results
where actual_points is null or abs(actual_points - expected_points) > 1e-9
