-- The macro parse_number against inputs and the numbers worked out by hand: plain decimal numbers
-- below 10^15 in absolute value; NaN, infinities, huge values, separators and units are null.
with cases as (
    select * from (
        values
        ('whole number', '42', '42'),
        ('negative decimal', '-3.5', '-3.5'),
        ('plus sign', '+7', '7'),
        ('leading point', '.5', '0.5'),
        ('trailing point', '5.', '5'),
        ('leading zero', '075', '75'),
        ('exponent', '1e3', '1000'),
        ('negative exponent, capital E', '2.5E-2', '0.025'),
        ('just below the limit', '999999999999999', '999999999999999'),
        ('just above minus the limit', '-999999999999999', '-999999999999999'),
        ('NaN', 'NaN', null),
        ('nan', 'nan', null),
        ('Infinity', 'Infinity', null),
        ('minus Infinity', '-Infinity', null),
        ('inf', 'inf', null),
        ('1e30 overflows a bigint', '1e30', null),
        ('the limit itself', '1e15', null),
        ('minus the limit', '-1000000000000000', null),
        ('three-digit exponent', '1e100', null),
        ('thousands separator', '1,200', null),
        ('European decimal comma', '1.200,50', null),
        ('space in the digits', '1 200', null),
        ('currency', '$12', null),
        ('unit', '12 EUR', null),
        ('percent', '50%', null),
        ('hexadecimal', '0x1A', null),
        ('Java suffix', '12d', null),
        ('two points', '1.2.3', null),
        ('sign alone', '-', null),
        ('sixty-one characters', '0.000000000000000000000000000000000000000000000000000000000001', null),
        ('empty', '', null),
        ('null stays null', null, null)
    ) as cases (case_name, input_value, expected_text)  -- noqa: AL05
),

parsed as (
    select
        case_name,
        input_value,
        cast(expected_text as {{ scoring_type_double() }}) as expected_number,
        {{ parse_number('input_value') }} as actual_number
    from cases
)

select *
from parsed
where actual_number != expected_number
    or (actual_number is null and expected_number is not null)
    or (actual_number is not null and expected_number is null)
