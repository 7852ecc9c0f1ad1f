-- Contacts that exist on each scoring day, with their company and every fit
-- attribute in one wide row: the CRM version of the contact and of its company in
-- force on that day (stg_crm__*_versions), for a contact created on or before it. A contact whose
-- every version was written after the day stands in with its earliest version
-- (is_later_version).
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

contact_versions as (
    select * from {{ ref('stg_crm__contact_versions') }}
),

company_versions as (
    select * from {{ ref('stg_crm__company_versions') }}
),

contacts as (
    select
        scoring_days.scoring_date,
        scoring_days.scoring_date as version_date,
        contact_versions.*
    from contact_versions
    inner join scoring_days
        on {{ version_valid_on('scoring_days.scoring_date', 'contact_versions') }}
    where cast(contact_versions.created_at as date) <= scoring_days.scoring_date
),

companies as (
    select
        scoring_days.scoring_date,
        scoring_days.scoring_date as version_date,
        company_versions.*
    from company_versions
    inner join scoring_days
        on {{ version_valid_on('scoring_days.scoring_date', 'company_versions') }}
),

-- seniority, e-mail domain, free e-mail and the wide row (macros/scoring/enriched_contacts.sql)
{{ enriched_contacts('contacts', 'companies') }},

final as (
    select
        scoring_days.scoring_day,
        enriched.*
    from enriched
    inner join scoring_days
        on enriched.scoring_date = scoring_days.scoring_date
)

select * from final
