-- Contacts for BI: attributes as of as_of_date. The e-mail address is masked
-- (first letter and domain) unless the var expose_pii is true.
with contacts as (
    select * from {{ ref('int_contacts_enriched') }}
    where scoring_date = {{ as_of_date() }}
),

final as (
    select
        -- ids
        contact_id,
        company_id,
        owner_id,
        -- personal data
        {% if var('expose_pii', false) | string | lower in ('true', '1', 'yes') -%}
        email,
        {%- else -%}
            case
                when email is null then null
                else {{ dbt.concat(["substring(email, 1, 1)", "'***@'", "coalesce(email_domain, '')"]) }}
            end as email,
        {%- endif %}
        first_name,
        last_name,
        -- organisation
        company_name,
        industry,
        employee_count,
        annual_revenue,
        company_country,
        -- contact
        country,
        job_title,
        seniority,
        department,
        education_level,
        email_domain,
        is_free_email,
        lead_source,
        email_opt_out,
        -- situation
        budget_status,
        purchase_timeline,
        has_existing_solution,
        lifecycle_stage_override,
        lifecycle_stage_override_at,
        -- timestamps
        created_at,
        updated_at
    from contacts
)

select * from final
