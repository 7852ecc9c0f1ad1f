-- One row per current company as of as_of_date: its contacts, how many of them are
-- engaged, the best and top-3 average lead score, the company fit from the organization rules, the
-- highest lifecycle stage of its contacts, and which seniorities and departments are engaged
-- (buying-group coverage). Companies without contacts have contacts = 0 and null contact scores.
with companies as (
    select * from {{ ref('stg_crm__companies') }}
),

company_fit as (
    select * from {{ ref('int_company_fit_scores') }}
),

settings as (
    select * from {{ ref('int_scoring__settings') }}
),

scores as (
    select * from {{ ref('fct_lead_scores') }}
),

contacts as (
    select * from {{ ref('dim_contacts') }}
    where company_id is not null
),

-- engagement = any activity but e-mail bounces and unsubscribes (the inactivity rule's definition,
-- int_contact_activity_days.has_engagement, its as_of_date scoring day), with age_days <
-- inactivity_days on as_of_date
engaged as (
    select distinct activity_days.contact_id
    from {{ ref('int_contact_activity_days') }} as activity_days
    cross join settings
    where activity_days.scoring_day = 'as_of_date'
        and activity_days.has_engagement = 1
        and activity_days.activity_date <= {{ as_of_date() }}
        and {{ dbt.datediff(
            'activity_days.activity_date',
            as_of_date(), 'day') }} < settings.inactivity_days
),

company_contacts as (
    select
        contacts.company_id,
        contacts.contact_id,
        contacts.seniority,
        nullif(lower(trim(contacts.department)), '') as department,
        scores.lead_score,
        {{ lifecycle_stage_rank('scores.lifecycle_stage') }} as lifecycle_stage_rank,
        case when engaged.contact_id is not null then 1 else 0 end as is_engaged,
        row_number() over (
            partition by contacts.company_id
            order by scores.lead_score desc, contacts.contact_id asc
        ) as score_rank
    from contacts
    inner join scores
        on contacts.contact_id = scores.contact_id
    left join engaged
        on contacts.contact_id = engaged.contact_id
),

contact_metrics as (
    select
        company_id,
        count(*) as contacts,
        sum(is_engaged) as engaged_contacts,
        max(lead_score) as best_lead_score,
        -- the mean of exact scores (exact_points): the same in whatever order they are added
        {{ exact_score(
            'avg(case when score_rank <= 3 then ' ~ exact_points('lead_score') ~ ' end)'
        ) }} as top3_avg_lead_score,
        max(lifecycle_stage_rank) as account_stage_rank
    from company_contacts
    group by company_id
),

engaged_seniorities as (
    select distinct
        company_id,
        seniority
    from company_contacts
    where is_engaged = 1 and seniority is not null
),

engaged_departments as (
    select distinct
        company_id,
        department
    from company_contacts
    where is_engaged = 1 and department is not null
),

seniority_lists as (
    select
        company_id,
        {{ sorted_text_list('seniority', "', '") }} as engaged_seniorities
    from engaged_seniorities
    group by company_id
),

department_lists as (
    select
        company_id,
        {{ sorted_text_list('department', "', '") }} as engaged_departments
    from engaged_departments
    group by company_id
),

final as (
    select
        -- ids
        companies.company_id,
        -- attributes
        companies.company_name,
        companies.industry,
        companies.employee_count,
        companies.annual_revenue,
        companies.company_country,
        -- contacts
        cast(coalesce(contact_metrics.contacts, 0) as {{ dbt.type_int() }}) as contacts,
        cast(coalesce(contact_metrics.engaged_contacts, 0) as {{ dbt.type_int() }}) as engaged_contacts,
        -- scores
        contact_metrics.best_lead_score,
        cast(contact_metrics.top3_avg_lead_score as {{ scoring_type_double() }}) as top3_avg_lead_score,
        company_fit.company_fit_score,
        {{ lifecycle_stage_name('contact_metrics.account_stage_rank') }} as account_stage,
        -- buying-group coverage
        seniority_lists.engaged_seniorities,
        department_lists.engaged_departments,
        {{ as_of_date() }} as as_of_date
    from companies
    inner join company_fit
        on companies.company_id = company_fit.company_id
    left join contact_metrics
        on companies.company_id = contact_metrics.company_id
    left join seniority_lists
        on companies.company_id = seniority_lists.company_id
    left join department_lists
        on companies.company_id = department_lists.company_id
)

select * from final
