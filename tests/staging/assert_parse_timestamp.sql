-- The macro parse_timestamp (timestamps are UTC) against a list of inputs and the UTC
-- timestamps worked out by hand: offsets converted, ISO 8601 only, out-of-range parts null.
-- Returns every case where the macro's result differs (a null is compared as a null).
with cases as (
    select * from (
        values
        ('plain', '2026-06-30 22:00:00', '2026-06-30 22:00:00'),
        ('T separator', '2026-06-30T22:00:00', '2026-06-30 22:00:00'),
        ('Z is UTC', '2026-06-30T22:00:00Z', '2026-06-30 22:00:00'),
        ('UTC suffix', '2026-06-30 22:00:00 UTC', '2026-06-30 22:00:00'),
        ('minus 5 h is the next UTC day', '2026-06-30T22:00:00-05:00', '2026-07-01 03:00:00'),
        ('plus 3 h is the previous UTC day', '2026-07-01T01:00:00+03:00', '2026-06-30 22:00:00'),
        ('offset without colon', '2026-06-30T22:00:00+0530', '2026-06-30 16:30:00'),
        ('offset in hours only', '2026-06-30 22:00:00+02', '2026-06-30 20:00:00'),
        ('blank before the offset', '2026-06-30 22:00:00 +02:00', '2026-06-30 20:00:00'),
        ('zero offset', '2026-06-30 22:00:00+00', '2026-06-30 22:00:00'),
        ('offset into the next year', '2026-12-31T23:30:00-01:00', '2027-01-01 00:30:00'),
        ('offset back to a leap day', '2028-03-01T00:30:00+01:00', '2028-02-29 23:30:00'),
        ('fraction kept', '2026-06-30 22:00:00.123456', '2026-06-30 22:00:00.123456'),
        ('digits after microseconds dropped', '2026-06-30T22:00:00.1234567Z', '2026-06-30 22:00:00.123456'),
        ('fraction and offset', '2026-06-30T22:00:00.5+01:00', '2026-06-30 21:00:00.5'),
        ('no seconds', '2026-06-30 22:05', '2026-06-30 22:05:00'),
        ('date only is midnight', '2026-06-30', '2026-06-30 00:00:00'),
        ('single-digit month, day and hour', '2026-6-3 7:05:00', '2026-06-03 07:05:00'),
        ('leap day', '2028-02-29 10:00:00', '2028-02-29 10:00:00'),
        ('day first is not guessed', '31/02/2026', null),
        ('month first is not guessed', '06/30/2026', null),
        ('dotted day first', '30.06.2026', null),
        ('slashes year first', '2026/06/30', null),
        ('month 13', '2026-13-01', null),
        ('hour 25', '2026-06-30 25:00', null),
        ('minute 60', '2026-06-30 10:60:00', null),
        ('second 60', '2026-06-30 10:00:60', null),
        ('hour 24', '2026-06-30 24:00:00', null),
        ('29 February of a common year', '2026-02-29 10:00:00', null),
        ('31 April', '2026-04-31', null),
        ('day 0', '2026-06-00', null),
        ('offset of 15 hours', '2026-06-30T22:00:00+15:00', null),
        ('offset on a date without time', '2026-06-30+02:00', null),
        ('year and month only', '2026-06', null),
        ('epoch seconds', '1782856800', null),
        ('a word', 'yesterday', null),
        ('infinity', 'infinity', null),
        ('five-digit year', '20260-06-30', null),
        ('year 0', '0000-01-01', null),
        ('year 999', '0999-12-31 23:00:00-02:00', '1000-01-01 01:00:00'),
        ('null stays null', null, null)
    ) as cases (case_name, input_value, expected_text)  -- noqa: AL05
),

parsed as (
    select
        case_name,
        input_value,
        cast(expected_text as {{ dbt.type_timestamp() }}) as expected_timestamp,
        {{ parse_timestamp('input_value') }} as actual_timestamp
    from cases
)

select *
from parsed
where actual_timestamp != expected_timestamp
    or (actual_timestamp is null and expected_timestamp is not null)
    or (actual_timestamp is not null and expected_timestamp is null)
