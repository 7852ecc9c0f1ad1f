{#- The fit attributes derived from the CRM versions of a contact and of its company,
    the one place they are derived: int_contacts_enriched (the versions in force on each scoring
    day) renders it. It emits the CTEs `seniority_matches`, `with_domain` and `enriched` (one wide row per
    scoring_date and contact_id), to be placed in a `with` chain after two CTEs:

    - `contacts_cte`: contact versions (the columns of stg_crm__contact_versions) with
      `scoring_date` and `version_date` (the day whose versions were picked), one row per
      scoring_date and contact_id;
    - `companies_cte`: company versions (stg_crm__company_versions) with `scoring_date` and
      `version_date`, one row per scoring_date, version_date and company_id. -#}
{% macro enriched_contacts(contacts_cte, companies_cte) -%}
-- seniority: the matching pattern with the lowest priority number wins; no match = individual
seniority_matches as (
    select
        {{ contacts_cte }}.scoring_date,
        {{ contacts_cte }}.contact_id,
        seniority_patterns.seniority,
        row_number() over (
            partition by {{ contacts_cte }}.scoring_date, {{ contacts_cte }}.contact_id
            order by seniority_patterns.priority asc, seniority_patterns.pattern asc
        ) as match_rank
    from {{ contacts_cte }}
    inner join {{ ref('int_scoring__job_title_seniority') }} as seniority_patterns
        on {{ dbt.position('seniority_patterns.pattern', 'lower(' ~ contacts_cte ~ '.job_title)') }} > 0
),

with_domain as (
    select
        {{ contacts_cte }}.*,
        case
            when {{ dbt.position("'@'", contacts_cte ~ '.email_normalized') }} > 0
                then nullif({{ dbt.split_part(contacts_cte ~ '.email_normalized', "'@'", 2) }}, '')
        end as email_domain
    from {{ contacts_cte }}
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
        {{ companies_cte }}.company_name,
        {{ companies_cte }}.industry,
        {{ companies_cte }}.employee_count,
        {{ companies_cte }}.annual_revenue,
        {{ companies_cte }}.company_country,
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
    left join {{ companies_cte }}
        on with_domain.scoring_date = {{ companies_cte }}.scoring_date
            and with_domain.version_date = {{ companies_cte }}.version_date
            and with_domain.company_id = {{ companies_cte }}.company_id
    left join seniority_matches
        on with_domain.scoring_date = seniority_matches.scoring_date
            and with_domain.contact_id = seniority_matches.contact_id
            and seniority_matches.match_rank = 1
    left join {{ ref('int_scoring__free_email_domains') }} as free_email_domains
        on with_domain.email_domain = free_email_domains.domain
)
{%- endmacro %}
