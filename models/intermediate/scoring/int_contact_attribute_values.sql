{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_scoring_contacts() }}",
    on_schema_change='fail',
) }}

-- The fit attributes in long form, one row per scoring day, contact and attribute, ready to be
-- joined to the fit rules: value_text is lower-cased and trimmed (booleans as 'true'/'false'),
-- value_number is the numeric reading used by gte, lt and between
-- (macros/scoring/contact_attribute_values.sql). Incremental by contact
-- (int_scoring_contact_fingerprints).
with changed as (
    {{ changed_scoring_contacts() }}
),

contacts as (
    select
        contacts.*,
        changed.input_fingerprint
    from {{ ref('int_contacts_enriched') }} as contacts
    inner join changed
        on contacts.scoring_day = changed.scoring_day
            and contacts.contact_id = changed.contact_id
),

attribute_values as (
    {{ contact_attribute_values('contacts', ['scoring_day', 'contact_id', 'input_fingerprint']) }}
)

select * from attribute_values
