{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_raw_days('web_identities') }}",
    on_schema_change='fail',
) }}

-- Incremental by raw day (macros/staging/incremental_events.sql): a run classifies again only the
-- raw days whose rows or context changed.
with {{ incremental_raw_days('web_identities') }},

source as (
    {{ incremental_raw_source_rows('web_identities') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
),

typed as (
    select
        source.raw_day,
        -- ids
        source.anonymous_id,
        source.contact_id,
        {{ identity_key('source.anonymous_id', 'source.contact_id', 'source.identified_at') }}
            as identity_key,
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
            {{ ragged_row_problem() }}
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
),

final as (
    select
        classified.*,
        {{ incremental_raw_day_columns() }}
    from classified
    inner join raw_day_fingerprints
        on classified.raw_day = raw_day_fingerprints.raw_day
)

select * from final
