{{ config(materialized='table') }}

with source as (
    {{ raw_source_rows('web', 'web_identities') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
),

typed as (
    select
        -- ids
        source.anonymous_id,
        source.contact_id,
        {{ dbt.concat([
            "coalesce(source.anonymous_id, '')", "'|'",
            "coalesce(source.contact_id, '')", "'|'",
            "coalesce(source.identified_at, '')",
        ]) }} as identity_key,
        -- timestamps
        {{ parse_timestamp('source.identified_at') }} as identified_at,
        source.identified_at as identified_at_text,
        contacts.contact_id is not null as has_known_contact,
        source.raw_row
    from source
    left join contacts
        on source.contact_id = contacts.contact_id
),

checked as (
    select
        typed.*,
        case
            when anonymous_id is null then 'missing anonymous_id'
            when contact_id is null then 'missing contact_id'
            {{ timestamp_problems('identified_at') }}
            {{ after_as_of_stops_checks('identified_at') }}
            when not has_known_contact then 'unknown contact_id'
        end as row_problem
    from typed
),

classified as (
    {{ classify_rows('checked', 'identity_key', 'identified_at', after_as_of_column='identified_at') }}
)

select * from classified
