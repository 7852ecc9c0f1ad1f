-- Every current contact (created on or before as_of_date) scored once, and nobody else: one row
-- per contact on either side. A null on either side, or score_rows above 1, is a problem.
with current_contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
    where cast(created_at as date) <= {{ as_of_date() }}
),

scored as (
    select
        contact_id,
        count(*) as score_rows
    from {{ ref('fct_lead_scores') }}
    group by contact_id
)

select
    current_contacts.contact_id as current_contact_id,
    scored.contact_id as scored_contact_id,
    scored.score_rows
from current_contacts
full outer join scored
    on current_contacts.contact_id = scored.contact_id
