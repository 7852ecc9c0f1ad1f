-- Nothing is lost silently (SPEC §7): for every raw table, raw rows = clean rows (staging) +
-- quarantined rows (fct_quarantined_rows) + superseded rows (older CRM versions) + after_as_of rows
-- (not happened yet on as_of_date, SPEC §4a). Returns the raw
-- tables that do not reconcile, and fails when a raw table is missing from the reconciliation.
with reconciliation as (
    select * from {{ ref('fct_raw_reconciliation') }}
),

expected_tables as (
    select 'crm_companies' as raw_table
    union all
    select 'crm_contacts'
    union all
    select 'crm_deals'
    union all
    select 'web_events'
    union all
    select 'web_identities'
    union all
    select 'email_campaigns'
    union all
    select 'email_events'
    union all
    select 'form_submissions'
    union all
    select 'event_attendance'
),

unreconciled as (
    select
        expected_tables.raw_table,
        reconciliation.raw_rows,
        reconciliation.clean_rows,
        reconciliation.quarantined_rows,
        reconciliation.superseded_rows,
        reconciliation.after_as_of_rows
    from expected_tables
    left join reconciliation
        on expected_tables.raw_table = reconciliation.raw_table
    where reconciliation.raw_table is null
        or reconciliation.raw_rows
        != reconciliation.clean_rows + reconciliation.quarantined_rows
        + reconciliation.superseded_rows + reconciliation.after_as_of_rows
)

select * from unreconciled
