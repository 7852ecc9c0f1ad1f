-- The fit attributes of SPEC §3 in long form as they stood before each contact's outcome: one row
-- per scoring day, contact and attribute of int_prediction_contacts, read as the rules read them
-- (macros/scoring/contact_attribute_values.sql).
with attribute_values as (
    {{ contact_attribute_values(ref('int_prediction_contacts')) }}
)

select * from attribute_values
