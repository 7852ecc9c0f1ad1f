{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_raw_days('form_submissions') }}",
    on_schema_change='fail',
) }}

-- Incremental by raw day (macros/staging/incremental_events.sql): a run classifies again only the
-- raw days whose rows or context changed.
with {{ incremental_raw_days('form_submissions') }},

source as (
    {{ incremental_raw_source_rows('form_submissions') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
),

-- A form without contact_id belongs to the contact with the same e-mail; where several
-- contacts share one e-mail, the smallest contact_id is taken so reruns agree.
contacts_by_email as (
    select
        email_normalized,
        min(contact_id) as contact_id
    from {{ ref('stg_crm__contacts') }}
    where email_normalized is not null
    group by email_normalized
),

typed as (
    select
        source.raw_day,
        -- ids
        source.submission_id,
        source.contact_id as submitted_contact_id,
        coalesce(source.contact_id, contacts_by_email.contact_id) as contact_id,
        -- personal data
        source.email,
        -- attributes
        lower(source.form_type) as form_type,
        source.asset_name,
        source.page_url,
        -- timestamps
        {{ parse_timestamp('source.submitted_at') }} as submitted_at,
        source.submitted_at as submitted_at_text,
        contacts.contact_id is not null as has_known_contact,
        source.raw_row
    from source
    left join contacts
        on source.contact_id = contacts.contact_id
    -- an equality join only (a hash join, linear in the rows): the e-mail match is used only
    -- when the form has no contact_id, by the coalesce above
    left join contacts_by_email
        on lower(source.email) = contacts_by_email.email_normalized
),

checked as (
    select
        typed.*,
        case
            {{ ragged_row_problem() }}
            when submission_id is null then 'missing submission_id'
            when form_type is null then 'missing form_type'
            {{ unknown_value_problem('form_type', 'accepted_form_types') }}
            {{ timestamp_problems('submitted_at') }}
            {{ after_as_of_stops_checks('submitted_at') }}
            when submitted_contact_id is not null and not has_known_contact
                then 'unknown contact_id'
            when contact_id is null and email is null
                then 'missing both contact_id and email'
            when contact_id is null then 'no contact with this email'
        end as row_problem
    from typed
),

classified as (
    {{ classify_rows('checked', 'submission_id', 'submitted_at', after_as_of_column='submitted_at') }}
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
