-- The macro parse_boolean against inputs and the booleans worked out by hand (case-insensitive
-- true/t/1/yes/y and false/f/0/no/n; anything else null).
with cases as (
    select * from (
        values
        ('true', 'true', true),
        ('TRUE', 'TRUE', true),
        ('t', 't', true),
        ('1', '1', true),
        ('Yes', 'Yes', true),
        ('y', 'y', true),
        ('false', 'false', false),
        ('F', 'F', false),
        ('0', '0', false),
        ('no', 'no', false),
        ('N', 'N', false),
        ('maybe', 'maybe', null),
        ('2', '2', null),
        ('1.0', '1.0', null),
        ('null stays null', null, null)
    ) as cases (case_name, input_value, expected_value)  -- noqa: AL05
),

parsed as (
    select
        case_name,
        input_value,
        expected_value,
        {{ parse_boolean('input_value') }} as actual_value
    from cases
)

select *
from parsed
where actual_value != expected_value
    or (actual_value is null and expected_value is not null)
    or (actual_value is not null and expected_value is null)
