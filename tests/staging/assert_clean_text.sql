-- The macro clean_text against inputs and the values worked out by hand, for a text column and
-- a typed (number) column: blanks (space, tab, CR, LF, no-break space) trimmed, nothing left is
-- null, null markers of exports are null (NULL / null everywhere; None, NaN, NaT, N/A only in
-- typed columns), inner blanks kept.
with cases as (
    select * from (
        values
        ('spaces', '  a@b.com ', 'a@b.com', 'a@b.com'),
        ('leading tab', chr(9) || 'a@b.com', 'a@b.com', 'a@b.com'),
        ('trailing CR LF', 'a@b.com' || chr(13) || chr(10), 'a@b.com', 'a@b.com'),
        ('leading LF', chr(10) || 'a@b.com', 'a@b.com', 'a@b.com'),
        ('space then tab', ' ' || chr(9) || 'x', 'x', 'x'),
        ('tab then space at the end', 'x' || chr(9) || ' ', 'x', 'x'),
        ('no-break spaces', chr(160) || '42' || chr(160), '42', '42'),
        ('inner blanks kept', 'a' || chr(9) || 'b c', 'a' || chr(9) || 'b c', 'a' || chr(9) || 'b c'),
        ('tab only', chr(9), null, null),
        ('blanks only', ' ' || chr(13) || chr(10) || ' ', null, null),
        ('empty', '', null, null),
        ('NULL', 'NULL', null, null),
        ('null', ' null ', null, null),
        ('Null is a surname', 'Null', 'Null', null),
        ('None', 'None', 'None', null),
        ('none is a budget status', 'none', 'none', null),
        ('NaN', 'NaN', 'NaN', null),
        ('NaT', 'NaT', 'NaT', null),
        ('N/A', 'N/A', 'N/A', null),
        ('a value', 'Acme', 'Acme', 'Acme'),
        ('null stays null', null, null, null)
    ) as cases (case_name, input_value, expected_text, expected_typed)  -- noqa: AL05
),

cleaned as (
    select
        case_name,
        input_value,
        expected_text,
        expected_typed,
        {{ clean_text('input_value') }} as actual_text,
        {{ clean_text('input_value', 'number') }} as actual_typed
    from cases
)

select *
from cleaned
where actual_text != expected_text
    or (actual_text is null and expected_text is not null)
    or (actual_text is not null and expected_text is null)
    or actual_typed != expected_typed
    or (actual_typed is null and expected_typed is not null)
    or (actual_typed is not null and expected_typed is null)
