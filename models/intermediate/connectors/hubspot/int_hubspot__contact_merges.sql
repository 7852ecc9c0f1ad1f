{{ config(enabled=connector_reads('hubspot', ['crm', 'email', 'forms'])) }}

-- HubSpot contacts merged into another one [D15]: one row per merged-away contact id and the
-- contact it lives on in, read from the surviving contact's hs_calculated_merged_vids
-- (`<id>:<epoch ms>;...`). The mappings re-point references to a merged-away id (a deal's,
-- engagement's or form submission's contact) to the survivor.
with contacts as (
    select
        contact_id,
        merged_contact_ids
    from {{ ref('stg_hubspot__contacts') }}
    where not coalesce(is_deleted, false) and merged_contact_ids is not null
),

merged_entries as (
    select
        contact_id as surviving_contact_id,
        {{ split_to_rows('merged_contact_ids', ';') }} as merged_entry
    from contacts
),

merged_ids as (
    select
        surviving_contact_id,
        trim({{ dbt.split_part('merged_entry', "':'", 1) }}) as merged_contact_id
    from merged_entries
    where merged_entry is not null and trim(merged_entry) != ''
),

contact_merges as (
    -- an id merged into several contacts (a data error) lives on in the smallest
    select
        merged_contact_id,
        min(surviving_contact_id) as surviving_contact_id
    from merged_ids
    where merged_contact_id != '' and merged_contact_id != surviving_contact_id
    group by merged_contact_id
)

select * from contact_merges
