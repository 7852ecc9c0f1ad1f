-- The contact versions in force on as_of_date: one row per contact, the current version
-- (or, for a record whose every version was written later, its earliest one standing in).
with versions as (
    select * from {{ ref('stg_crm__contact_versions') }}
),

current_versions as (
    select *
    from versions
    where {{ version_valid_on(as_of_date(), 'versions') }}
)

select * from current_versions
