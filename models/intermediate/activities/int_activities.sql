{{ config(materialized='view') }}

-- The activity stream as of as_of_date: one row per activity of a known contact, from every
-- engagement source, with the raw row it came from. A reading of the incremental
-- int_activity_log without its bookkeeping columns.
select
    activity_id,
    contact_id,
    activity,
    detail,
    detail_number,
    occurred_at,
    activity_date,
    source_table,
    source_row_id,
    anonymous_id,
    email_normalized,
    contact_resolved_by
from {{ ref('int_activity_log') }}
