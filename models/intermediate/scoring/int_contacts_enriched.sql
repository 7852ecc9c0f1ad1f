-- Contacts that exist as of as_of_date (created on or before it, SPEC §4), with their company and
-- every fit attribute of SPEC §3 in one wide row.
with contacts as (
    select * from {{ ref('stg_crm__contacts') }}
    where cast(created_at as date) <= {{ as_of_date() }}
),

companies as (
    select * from {{ ref('stg_crm__companies') }}
),

seniority_patterns as (
    select * from {{ ref('int_scoring__job_title_seniority') }}
),

free_email_domains as (
    select * from {{ ref('int_scoring__free_email_domains') }}
),

-- seniority: the matching pattern with the lowest priority number wins; no match = individual
seniority_matches as (
    select
        contacts.contact_id,
        seniority_patterns.seniority,
        row_number() over (
            partition by contacts.contact_id
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
        with_domain.contact_id,
        with_domain.company_id,
        with_domain.owner_id,
        -- personal data
        with_domain.email,
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
        -- timestamps
        with_domain.created_at,
        cast(with_domain.created_at as date) as created_date,
        with_domain.updated_at
    from with_domain
    left join companies
        on with_domain.company_id = companies.company_id
    left join seniority_matches
        on with_domain.contact_id = seniority_matches.contact_id
            and seniority_matches.match_rank = 1
    left join free_email_domains
        on with_domain.email_domain = free_email_domains.domain
)

select * from enriched
