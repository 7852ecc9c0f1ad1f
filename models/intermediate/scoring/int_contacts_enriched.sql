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

seniority_patterns as (
    select * from {{ ref('int_scoring__job_title_seniority') }}
),

free_email_domains as (
    select * from {{ ref('int_scoring__free_email_domains') }}
),

contacts as (
    select
        scoring_days.scoring_date,
        contact_versions.*
    from contact_versions
    inner join scoring_days
        on {{ version_valid_on('scoring_days.scoring_date', 'contact_versions') }}
    where cast(contact_versions.created_at as date) <= scoring_days.scoring_date
),

companies as (
    select
        scoring_days.scoring_date,
        company_versions.*
    from company_versions
    inner join scoring_days
        on {{ version_valid_on('scoring_days.scoring_date', 'company_versions') }}
),

-- seniority: the matching pattern with the lowest priority number wins; no match = individual
seniority_matches as (
    select
        contacts.scoring_date,
        contacts.contact_id,
        seniority_patterns.seniority,
        row_number() over (
            partition by contacts.scoring_date, contacts.contact_id
            order by seniority_patterns.priority asc, seniority_patterns.pattern asc
        ) as match_rank
    from contacts
    inner join seniority_patterns
        on {{ dbt.position('seniority_patterns.pattern', 'lower(contacts.job_title)') }} > 0
),

with_domain as (
    select
        contacts.*,
        case
            when {{ dbt.position("'@'", 'contacts.email_normalized') }} > 0
                then nullif({{ dbt.split_part('contacts.email_normalized', "'@'", 2) }}, '')
        end as email_domain
    from contacts
),

enriched as (
    select
        -- ids
        with_domain.scoring_date,
        with_domain.contact_id,
        with_domain.company_id,
        with_domain.owner_id,
        -- personal data
        with_domain.email,
        with_domain.email_normalized,
        with_domain.first_name,
        with_domain.last_name,
        -- organisation
        companies.company_name,
        companies.industry,
        companies.employee_count,
        companies.annual_revenue,
        companies.company_country,
        -- contact
        with_domain.country,
        with_domain.job_title,
        case
            when with_domain.job_title is null then null
            else coalesce(seniority_matches.seniority, 'individual')
        end as seniority,
        with_domain.department,
        with_domain.education_level,
        with_domain.email_domain,
        case
            when with_domain.email_domain is null then null
            when free_email_domains.domain is not null then true
            else false
        end as is_free_email,
        with_domain.lead_source,
        with_domain.email_opt_out,
        -- situation
        with_domain.budget_status,
        with_domain.purchase_timeline,
        with_domain.has_existing_solution,
        -- lifecycle
        with_domain.lifecycle_stage_override,
        with_domain.lifecycle_stage_override_at,
        -- versions
        cast(with_domain.updated_at as date) > with_domain.scoring_date as is_later_version,
        -- timestamps
        with_domain.created_at,
        cast(with_domain.created_at as date) as created_date,
        with_domain.updated_at
    from with_domain
    left join companies
        on with_domain.scoring_date = companies.scoring_date
            and with_domain.company_id = companies.company_id
    left join seniority_matches
        on with_domain.scoring_date = seniority_matches.scoring_date
            and with_domain.contact_id = seniority_matches.contact_id
            and seniority_matches.match_rank = 1
    left join free_email_domains
        on with_domain.email_domain = free_email_domains.domain
)

select * from enriched
