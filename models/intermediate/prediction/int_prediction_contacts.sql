-- The contacts of each scoring day as they stood before their outcome (SPEC §6, §4a): the CRM
-- version of the contact and of its company in force on the contact's feature_date
-- (int_prediction_feature_days), so that no version written after the first deal is read, with
-- the fit attributes derived as the rules engine derives them (macros/scoring/enriched_contacts.sql).
-- A contact whose every version was written later stands in with its earliest version (§4a).
with feature_days as (
    select * from {{ ref('int_prediction_feature_days') }}
),

contact_versions as (
    select * from {{ ref('stg_crm__contact_versions') }}
),

company_versions as (
    select * from {{ ref('stg_crm__company_versions') }}
),

contacts as (
    select
        feature_days.scoring_date,
        feature_days.feature_date as version_date,
        contact_versions.*
    from contact_versions
    inner join feature_days
        on contact_versions.contact_id = feature_days.contact_id
            and {{ version_valid_on('feature_days.feature_date', 'contact_versions') }}
),

company_days as (
    select distinct
        scoring_date,
        version_date,
        company_id
    from contacts
    where company_id is not null
),

companies as (
    select
        company_days.scoring_date,
        company_days.version_date,
        company_versions.*
    from company_versions
    inner join company_days
        on company_versions.company_id = company_days.company_id
            and {{ version_valid_on('company_days.version_date', 'company_versions') }}
),

-- seniority, e-mail domain, free e-mail and the wide row (macros/scoring/enriched_contacts.sql)
{{ enriched_contacts('contacts', 'companies') }}

select * from enriched
