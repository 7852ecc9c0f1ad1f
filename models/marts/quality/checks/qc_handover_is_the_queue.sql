-- The hand-over queue holds every mql and sql that is not disqualified, and nobody else: one row
-- per contact on either side; a null on either side is a problem.
with expected as (
    select contact_id from {{ ref('fct_lead_scores') }}
    where lifecycle_stage in ('mql', 'sql') and not is_disqualified
),

queue as (
    select contact_id from {{ ref('mart_sales_handover') }}
)

select
    expected.contact_id as expected_contact_id,
    queue.contact_id as queued_contact_id
from expected
full outer join queue
    on expected.contact_id = queue.contact_id
