-- The macro parse_date against inputs and the UTC days worked out by hand: a date is that day,
-- a timestamp with an offset is the day of its UTC time, anything unparsable is null.
with cases as (
    select * from (
        values
        ('date', '2026-06-12', '2026-06-12'),
        ('timestamp', '2026-06-12 23:59:59', '2026-06-12'),
        ('evening in New York is the next UTC day', '2026-06-30T22:00:00-05:00', '2026-07-01'),
        ('night in Moscow is the previous UTC day', '2026-07-01T01:00:00+03:00', '2026-06-30'),
        ('day first is not guessed', '12/06/2026', null),
        ('31 June', '2026-06-31', null),
        ('null stays null', null, null)
    ) as cases (case_name, input_value, expected_text)  -- noqa: AL05
),

parsed as (
    select
        case_name,
        input_value,
        cast(expected_text as date) as expected_date,
        {{ parse_date('input_value') }} as actual_date
    from cases
)

select *
from parsed
where actual_date != expected_date
    or (actual_date is null and expected_date is not null)
    or (actual_date is not null and expected_date is null)
