-- The accounts count every scored contact of a current company once: one row, the contacts the
-- accounts report against the scored contacts whose company has an account.
with account_contacts as (
    select coalesce(sum(contacts), 0) as contacts
    from {{ ref('fct_account_scores') }}
),

company_contacts as (
    select count(*) as contacts
    from {{ ref('fct_lead_scores') }} as lead_scores
    inner join {{ ref('dim_contacts') }} as people
        on lead_scores.contact_id = people.contact_id
    inner join {{ ref('fct_account_scores') }} as company_accounts
        on people.company_id = company_accounts.company_id
)

select
    account_contacts.contacts as account_contacts,
    company_contacts.contacts as company_contacts,
    abs(account_contacts.contacts - company_contacts.contacts) as difference
from account_contacts
cross join company_contacts
