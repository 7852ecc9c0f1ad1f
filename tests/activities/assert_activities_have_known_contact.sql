-- Every activity of int_activities belongs to a clean contact of stg_crm__contacts:
-- returns the activities whose contact is missing or unknown.
with activities as (
    select * from {{ ref('int_activities') }}
),

contacts as (
    select contact_id from {{ ref('stg_crm__contacts') }}
)

select activities.*
from activities
left join contacts
    on activities.contact_id = contacts.contact_id
where contacts.contact_id is null
