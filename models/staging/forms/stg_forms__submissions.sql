with base as (
    select * from {{ ref('base_forms__submissions') }}
),

clean as (
    select
        -- ids
        submission_id,
        contact_id,
        submitted_contact_id,
        -- personal data
        email,
        -- attributes
        form_type,
        asset_name,
        page_url,
        {{ normalize_page_path('page_url') }} as page_path,
        -- timestamps
        submitted_at,
        -- incremental bookkeeping (macros/staging/incremental_events.sql)
        raw_day,
        partition_version
    from base
    where row_status = 'clean'
)

select * from clean
