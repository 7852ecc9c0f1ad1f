-- The fit attributes of SPEC §3 in long form, one row per scoring day, contact and attribute, ready to be
-- joined to the fit rules: value_text is lower-cased and trimmed (booleans as 'true'/'false'),
-- value_number is the numeric reading used by gte, lt and between
-- (macros/scoring/contact_attribute_values.sql).
with attribute_values as (
    {{ contact_attribute_values(ref('int_contacts_enriched')) }}
)

select * from attribute_values
