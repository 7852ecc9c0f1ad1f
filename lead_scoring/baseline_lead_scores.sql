-- The plain hand-written DuckDB query of fct_lead_scores, straight from the raw CSV
-- files and the seed CSV files: the benchmark's baseline (scripts/benchmark.py) and a second
-- implementation of the scoring semantics, written directly from the contract and independently
-- of the dbt models (every evaluation day is paired with every earlier activity day; no running
-- sums). It expects clean raw data (the generator's --dirty-share 0): it applies the point-in-time
-- rules but not the quarantine rules of bad rows.
--
-- Placeholders (filled by lead_scoring/baseline.py): {raw} the folder of raw CSV files, {seeds}
-- the folder of seed CSV files, {as_of} the as-of day YYYY-MM-DD.
create or replace temp macro baseline_page_path(url) as coalesce(
    nullif(
        rtrim(
            case
                when contains(split_part(split_part(lower(trim(url)), '#', 1), '?', 1), '://')
                    then coalesce(regexp_extract(
                        split_part(split_part(lower(trim(url)), '#', 1), '?', 1), '^[^:]*://[^/]*(/.*)?$', 1
                    ), '')
                when split_part(split_part(lower(trim(url)), '#', 1), '?', 1) like '/%'
                    then split_part(split_part(lower(trim(url)), '#', 1), '?', 1)
                else '/' || split_part(split_part(lower(trim(url)), '#', 1), '?', 1)
            end,
            '/'
        ),
        ''
    ),
    '/'
);

create or replace temp macro baseline_number_text(x) as
    case when x = floor(x) then cast(cast(x as bigint) as varchar) else cast(x as varchar) end;

-- whether a value (lower-cased text, and its numeric reading) satisfies a rule
create or replace temp macro baseline_matches(operator, value_text, value_number, rule_text, rule_number, rule_number_to) as
    case operator
        when 'is_null' then value_text is null
        when 'is_not_null' then value_text is not null
        when 'equals' then value_text = rule_text
        when 'not_equals' then value_text <> rule_text
        when 'in' then list_contains(list_transform(string_split(rule_text, '|'), lambda x: trim(x)), value_text)
        when 'not_in' then not list_contains(list_transform(string_split(rule_text, '|'), lambda x: trim(x)), value_text)
        when 'contains' then contains(value_text, rule_text)
        when 'starts_with' then starts_with(value_text, rule_text)
        when 'ends_with' then ends_with(value_text, rule_text)
        when 'gte' then value_number >= rule_number
        when 'lt' then value_number < rule_number
        when 'between' then value_number >= rule_number and value_number < rule_number_to
        when 'is_true' then value_text = 'true'
        when 'is_false' then value_text = 'false'
        else operator is null
    end;

with
-- ---------------------------------------------------------------- seeds
settings as (
    select
        max(case when lower(trim(key)) = 'mql_threshold' then cast(value as double) end) as mql_threshold,
        max(case when lower(trim(key)) = 'sql_threshold' then cast(value as double) end) as sql_threshold,
        max(case when lower(trim(key)) = 'mql_min_grade' then trim(value) end) as mql_min_grade,
        max(case when lower(trim(key)) = 'fit_weight' then cast(value as double) end) as fit_weight,
        max(case when lower(trim(key)) = 'interest_weight' then cast(value as double) end) as interest_weight,
        max(case when lower(trim(key)) = 'fit_high_threshold' then cast(value as double) end) as fit_high,
        max(case when lower(trim(key)) = 'interest_high_threshold' then cast(value as double) end) as interest_high,
        max(case when lower(trim(key)) = 'interest_max' then try_cast(nullif(trim(value), '') as double) end) as interest_max,
        max(case when lower(trim(key)) = 'inactivity_days' then cast(value as double) end) as inactivity_days,
        max(case when lower(trim(key)) = 'inactivity_points' then cast(value as double) end) as inactivity_points
    from read_csv('{seeds}/scoring_settings.csv', all_varchar = true, header = true)
),

grades as (
    select
        trim(grade) as grade,
        cast(min_fit_score as double) as min_fit_score,
        row_number() over (order by cast(min_fit_score as double) desc) as grade_rank
    from read_csv('{seeds}/scoring_grades.csv', all_varchar = true, header = true)
),

fit_rules as (
    select
        trim(rule_id) as rule_id,
        lower(trim(attribute)) as attribute,
        nullif(lower(trim(operator)), '') as operator,
        nullif(lower(trim(value)), '') as value_text,
        try_cast(trim(value) as double) as value_number,
        try_cast(trim(value_to) as double) as value_to_number,
        cast(points as double) as points,
        coalesce(lower(trim(disqualify)) in ('true', 't', '1', 'yes', 'y'), false) as disqualify
    from read_csv('{seeds}/scoring_fit_rules.csv', all_varchar = true, header = true)
),

interest_rules as (
    select
        trim(rule_id) as rule_id,
        lower(trim(activity)) as activity,
        nullif(lower(trim(operator)), '') as operator,
        nullif(lower(trim(value)), '') as value_text,
        try_cast(trim(value) as double) as value_number,
        try_cast(trim(value_to) as double) as value_to_number,
        cast(points as double) as points,
        try_cast(nullif(trim(max_points), '') as double) as max_points,
        try_cast(nullif(trim(half_life_days), '') as double) as half_life_days,
        try_cast(nullif(trim(window_days), '') as double) as window_days
    from read_csv('{seeds}/scoring_interest_rules.csv', all_varchar = true, header = true)
),

seniority_patterns as (
    select lower(trim(pattern)) as pattern, trim(seniority) as seniority, cast(priority as double) as priority
    from read_csv('{seeds}/job_title_seniority.csv', all_varchar = true, header = true)
),

free_domains as (
    select distinct lower(trim(domain)) as domain
    from read_csv('{seeds}/free_email_domains.csv', all_varchar = true, header = true)
),

bot_patterns as (
    select distinct lower(trim(pattern)) as pattern
    from read_csv('{seeds}/bot_user_agents.csv', all_varchar = true, header = true)
),

-- ---------------------------------------------------------------- CRM as of {as_of}
contact_rows as (
    select
        *,
        cast(nullif(trim(updated_at), '') as timestamp) as updated_ts,
        cast(nullif(trim(created_at), '') as timestamp) as created_ts
    from read_csv('{raw}/crm_contacts.csv', all_varchar = true, header = true)
),

-- the latest version written on or before the day; else, for a contact created by then, its
-- earliest version
contacts as (
    select *
    from contact_rows
    where cast(created_ts as date) <= date '{as_of}'
    qualify row_number() over (
        partition by contact_id
        order by
            cast(updated_ts as date) <= date '{as_of}' desc,
            case when cast(updated_ts as date) <= date '{as_of}' then updated_ts end desc,
            updated_ts asc
    ) = 1
),

companies as (
    select *
    from (
        select *, cast(nullif(trim(updated_at), '') as timestamp) as updated_ts
        from read_csv('{raw}/crm_companies.csv', all_varchar = true, header = true)
    )
    qualify row_number() over (
        partition by company_id
        order by
            cast(updated_ts as date) <= date '{as_of}' desc,
            case when cast(updated_ts as date) <= date '{as_of}' then updated_ts end desc,
            updated_ts asc
    ) = 1
),

deals as (
    select *
    from (
        select
            *,
            cast(nullif(trim(updated_at), '') as timestamp) as updated_ts,
            cast(nullif(trim(created_at), '') as timestamp) as created_ts,
            cast(nullif(trim(closed_at), '') as timestamp) as closed_ts
        from read_csv('{raw}/crm_deals.csv', all_varchar = true, header = true)
    )
    where cast(created_ts as date) <= date '{as_of}'
    qualify row_number() over (
        partition by deal_id
        order by
            cast(updated_ts as date) <= date '{as_of}' desc,
            case when cast(updated_ts as date) <= date '{as_of}' then updated_ts end desc,
            updated_ts asc
    ) = 1
),

deal_dates as (
    select
        trim(contact_id) as contact_id,
        min(cast(created_ts as date)) as first_created,
        -- closed before it was created (an export error): closed on its created_at
        min(
            case
                when lower(trim(deal_stage)) = 'won'
                    and cast(greatest(created_ts, coalesce(closed_ts, updated_ts)) as date) <= date '{as_of}'
                    then cast(greatest(created_ts, coalesce(closed_ts, updated_ts)) as date)
            end
        ) as first_won
    from deals
    where nullif(trim(contact_id), '') is not null
    group by 1
),

people as (
    select
        trim(contacts.contact_id) as contact_id,
        lower(trim(contacts.email)) as email,
        nullif(trim(contacts.job_title), '') as job_title,
        cast(contacts.created_ts as date) as created_date,
        cast(contacts.updated_ts as date) > date '{as_of}' as is_later_version,
        nullif(lower(trim(contacts.lifecycle_stage_override)), '') as override,
        cast(nullif(trim(contacts.lifecycle_stage_override_at), '') as timestamp) as override_at,
        nullif(lower(trim(companies.industry)), '') as industry,
        try_cast(trim(companies.employee_count) as double) as employee_count,
        try_cast(trim(companies.annual_revenue) as double) as annual_revenue,
        nullif(lower(trim(companies.country)), '') as company_country,
        nullif(lower(trim(contacts.country)), '') as country,
        nullif(lower(trim(contacts.department)), '') as department,
        nullif(lower(trim(contacts.education_level)), '') as education_level,
        nullif(lower(trim(contacts.lead_source)), '') as lead_source,
        nullif(lower(trim(contacts.budget_status)), '') as budget_status,
        nullif(lower(trim(contacts.purchase_timeline)), '') as purchase_timeline,
        case
            when lower(trim(contacts.email_opt_out)) in ('true', 't', '1', 'yes', 'y') then 'true'
            when lower(trim(contacts.email_opt_out)) in ('false', 'f', '0', 'no', 'n') then 'false'
        end as email_opt_out,
        case
            when lower(trim(contacts.has_existing_solution)) in ('true', 't', '1', 'yes', 'y') then 'true'
            when lower(trim(contacts.has_existing_solution)) in ('false', 'f', '0', 'no', 'n') then 'false'
        end as has_existing_solution
    from contacts
    left join companies
        on trim(contacts.company_id) = trim(companies.company_id)
),

people_enriched as (
    select
        people.*,
        case when people.email like '%@%' then nullif(split_part(people.email, '@', 2), '') end as email_domain,
        case
            when people.job_title is null then null
            else coalesce(
                (
                    select seniority_patterns.seniority
                    from seniority_patterns
                    where contains(lower(people.job_title), seniority_patterns.pattern)
                    order by seniority_patterns.priority, seniority_patterns.pattern
                    limit 1
                ),
                'individual'
            )
        end as seniority
    from people
),

-- ---------------------------------------------------------------- fit
attribute_values as (
    select *
    from (
        select
            contact_id,
            industry,
            baseline_number_text(employee_count) as employee_count,
            baseline_number_text(annual_revenue) as annual_revenue,
            company_country,
            country,
            lower(job_title) as job_title,
            seniority,
            department,
            education_level,
            email_domain,
            case
                when email_domain is null then null
                when email_domain in (select domain from free_domains) then 'true'
                else 'false'
            end as is_free_email,
            lead_source,
            email_opt_out,
            budget_status,
            purchase_timeline,
            has_existing_solution
        from people_enriched
    ) as wide
    unpivot include nulls (
        value_text for attribute in (
            industry, employee_count, annual_revenue, company_country, country, job_title, seniority,
            department, education_level, email_domain, is_free_email, lead_source, email_opt_out,
            budget_status, purchase_timeline, has_existing_solution
        )
    )
),

contact_attributes as (
    select
        attribute_values.*,
        case
            when attribute_values.attribute = 'employee_count' then people_enriched.employee_count
            when attribute_values.attribute = 'annual_revenue' then people_enriched.annual_revenue
        end as value_number
    from attribute_values
    inner join people_enriched
        on attribute_values.contact_id = people_enriched.contact_id
),

fit_matches as (
    select contact_attributes.contact_id, fit_rules.rule_id, fit_rules.points, fit_rules.disqualify
    from contact_attributes
    inner join fit_rules
        on contact_attributes.attribute = fit_rules.attribute
    where baseline_matches(
        fit_rules.operator, contact_attributes.value_text, contact_attributes.value_number,
        fit_rules.value_text, fit_rules.value_number, fit_rules.value_to_number
    )
),

fit as (
    select
        people_enriched.contact_id,
        least(100, greatest(0, coalesce(sum(fit_matches.points), 0))) as fit_score,
        coalesce(bool_or(fit_matches.disqualify), false) as is_disqualified
    from people_enriched
    left join fit_matches
        on people_enriched.contact_id = fit_matches.contact_id
    group by 1
),

graded as (
    select
        fit.*,
        case
            when fit.is_disqualified then 'F'
            else (select grade from grades where grades.min_fit_score <= fit.fit_score order by min_fit_score desc limit 1)
        end as grade
    from fit
),

graded_ranked as (
    select
        graded.*,
        coalesce(
            (select grade_rank from grades where grades.grade = graded.grade)
            <= (select grade_rank from grades, settings where grades.grade = settings.mql_min_grade),
            false
        ) as meets_min_grade
    from graded
),

-- ---------------------------------------------------------------- activities up to {as_of}
identities as (
    select trim(anonymous_id) as anonymous_id, trim(contact_id) as contact_id
    from read_csv('{raw}/web_identities.csv', all_varchar = true, header = true)
    where cast(cast(identified_at as timestamp) as date) <= date '{as_of}'
        and trim(contact_id) in (select contact_id from people)
    qualify row_number() over (
        partition by trim(anonymous_id) order by cast(identified_at as timestamp) desc, trim(contact_id)
    ) = 1
),

web as (
    select
        trim(web_events.event_id) as event_id,
        coalesce(nullif(trim(web_events.contact_id), ''), identities.contact_id) as contact_id,
        lower(trim(web_events.event_type)) as event_type,
        web_events.page_url as url,
        case
            when try_cast(trim(web_events.video_percent) as double) between 0 and 100
                then try_cast(trim(web_events.video_percent) as double)
        end as video_percent,
        nullif(lower(trim(web_events.utm_medium)), '') as utm_medium,
        nullif(lower(trim(web_events.utm_source)), '') as utm_source,
        cast(web_events.occurred_at as timestamp) as occurred_at
    from read_csv('{raw}/web_events.csv', all_varchar = true, header = true) as web_events
    left join identities
        on trim(web_events.anonymous_id) = identities.anonymous_id
    where cast(cast(web_events.occurred_at as timestamp) as date) <= date '{as_of}'
        and not exists (
            select 1 from bot_patterns
            where contains(lower(coalesce(web_events.user_agent, '')), bot_patterns.pattern)
        )
),

web_activities as (
    select
        contact_id,
        case event_type
            when 'page_view' then 'page_view'
            when 'link_click' then 'link_click'
            when 'video_progress' then 'video_view'
            when 'file_download' then 'content_download'
        end as activity,
        case
            when event_type = 'video_progress' then baseline_number_text(video_percent)
            when event_type = 'file_download' then regexp_extract(baseline_page_path(url), '[^/]*$')
            else baseline_page_path(url)
        end as detail,
        case when event_type = 'video_progress' then video_percent end as detail_number,
        occurred_at
    from web
    -- the channel the visit came by: one campaign_click beside the event's own activity
    union all
    select
        contact_id,
        'campaign_click' as activity,
        utm_medium || '/' || coalesce(utm_source, '') as detail,
        null as detail_number,
        occurred_at
    from web
    where utm_medium is not null
),

forms as (
    select
        coalesce(
            nullif(trim(form_submissions.contact_id), ''),
            (select min(people.contact_id) from people where people.email = lower(trim(form_submissions.email)))
        ) as contact_id,
        lower(trim(form_submissions.form_type)) as activity,
        case
            when lower(trim(form_submissions.form_type)) = 'content_download' then lower(trim(form_submissions.asset_name))
            when lower(trim(form_submissions.form_type)) = 'event_registration' then 'unknown'
            else baseline_page_path(form_submissions.page_url)
        end as detail,
        cast(null as double) as detail_number,
        cast(form_submissions.submitted_at as timestamp) as occurred_at
    from read_csv('{raw}/form_submissions.csv', all_varchar = true, header = true) as form_submissions
    where cast(cast(form_submissions.submitted_at as timestamp) as date) <= date '{as_of}'
),

registrations as (
    select
        trim(contact_id) as contact_id,
        lower(trim(event_type)) as event_type,
        lower(trim(attended)) in ('true', 't', '1', 'yes', 'y') as attended,
        cast(cast(event_date as timestamp) as date) as event_date,
        cast(registered_at as timestamp) as registered_at
    from read_csv('{raw}/event_attendance.csv', all_varchar = true, header = true)
    where cast(cast(registered_at as timestamp) as date) <= date '{as_of}'
),

emails as (
    select
        trim(email_events.contact_id) as contact_id,
        'email_' || lower(trim(email_events.event_type)) as activity,
        lower(trim(campaigns.campaign_type)) as detail,
        cast(null as double) as detail_number,
        cast(email_events.occurred_at as timestamp) as occurred_at
    from read_csv('{raw}/email_events.csv', all_varchar = true, header = true) as email_events
    left join read_csv('{raw}/email_campaigns.csv', all_varchar = true, header = true) as campaigns
        on trim(email_events.campaign_id) = trim(campaigns.campaign_id)
    where lower(trim(email_events.event_type)) <> 'sent'
        and cast(cast(email_events.occurred_at as timestamp) as date) <= date '{as_of}'
),

all_activities as (
    select contact_id, activity, detail, detail_number, occurred_at from web_activities
    union all
    select contact_id, activity, detail, detail_number, occurred_at from forms
    union all
    select contact_id, 'event_registration', event_type, null, registered_at from registrations
    union all
    select contact_id, 'event_attendance', event_type, null, cast(event_date as timestamp)
    from registrations
    where attended and event_date <= date '{as_of}'
    union all
    select contact_id, activity, detail, detail_number, occurred_at from emails
),

activities as (
    select all_activities.*, cast(all_activities.occurred_at as date) as activity_date
    from all_activities
    where all_activities.contact_id in (select contact_id from people)
),

-- ---------------------------------------------------------------- interest per evaluation day
rule_matches as (
    select activities.contact_id, activities.activity_date, interest_rules.*
    from activities
    inner join interest_rules
        on activities.activity = interest_rules.activity
    where baseline_matches(
        interest_rules.operator, lower(trim(activities.detail)),
        coalesce(activities.detail_number, try_cast(activities.detail as double)),
        interest_rules.value_text, interest_rules.value_number, interest_rules.value_to_number
    )
),

evaluation_days as (
    select distinct people.contact_id, greatest(candidates.day, people.created_date) as day
    from (
        select contact_id, created_date as day from people
        union all
        select contact_id, date '{as_of}' from people
        union all
        select contact_id, activity_date from activities
        union all
        select contact_id, first_created from deal_dates
        union all
        select contact_id, first_won from deal_dates where first_won is not null
        union all
        select contact_id, cast(override_at as date) from people where override = 'sql' and override_at is not null
    ) as candidates
    inner join people
        on candidates.contact_id = people.contact_id
    where candidates.day <= date '{as_of}'
),

rule_totals as (
    select
        evaluation_days.contact_id,
        evaluation_days.day,
        rule_matches.rule_id,
        max(rule_matches.max_points) as max_points,
        sum(
            case
                when rule_matches.window_days is not null
                    and (evaluation_days.day - rule_matches.activity_date) >= rule_matches.window_days then 0
                when rule_matches.half_life_days is null then rule_matches.points
                else rule_matches.points * power(0.5, (evaluation_days.day - rule_matches.activity_date) / rule_matches.half_life_days)
            end
        ) as total
    from evaluation_days
    inner join rule_matches
        on evaluation_days.contact_id = rule_matches.contact_id
            and rule_matches.activity_date <= evaluation_days.day
    group by 1, 2, 3
),

day_interest as (
    select
        evaluation_days.contact_id,
        evaluation_days.day,
        coalesce((
            select sum(
                case
                    when rule_totals.max_points is null then rule_totals.total
                    else sign(rule_totals.total) * least(abs(rule_totals.total), rule_totals.max_points)
                end
            )
            from rule_totals
            where rule_totals.contact_id = evaluation_days.contact_id and rule_totals.day = evaluation_days.day
        ), 0) as rule_points,
        (
            select max(activities.activity_date)
            from activities
            where activities.contact_id = evaluation_days.contact_id
                and activities.activity_date <= evaluation_days.day
                and activities.activity not in ('email_bounce', 'email_unsubscribe')
        ) as last_engagement,
        (
            select count(*) from activities
            where activities.contact_id = evaluation_days.contact_id
                and activities.activity_date <= evaluation_days.day
                and activities.activity = 'newsletter_signup'
        ) as signups,
        (
            select count(*) from activities
            where activities.contact_id = evaluation_days.contact_id
                and activities.activity_date <= evaluation_days.day
                and activities.activity in ('content_download', 'contact_request', 'demo_request', 'event_registration')
        ) as other_conversions
    from evaluation_days
),

day_scores as (
    select
        day_interest.*,
        graded_ranked.fit_score,
        graded_ranked.grade,
        graded_ranked.is_disqualified,
        graded_ranked.meets_min_grade,
        least(
            coalesce(settings.interest_max, 'infinity'::double),
            greatest(
                0,
                day_interest.rule_points
                + case
                    when day_interest.last_engagement is null
                        or (day_interest.day - day_interest.last_engagement) >= settings.inactivity_days
                        then settings.inactivity_points
                    else 0
                end
            )
        ) as interest_score
    from day_interest
    inner join graded_ranked
        on day_interest.contact_id = graded_ranked.contact_id
    cross join settings
),

day_stages as (
    select
        day_scores.*,
        settings.fit_weight * day_scores.fit_score + settings.interest_weight * day_scores.interest_score as lead_score,
        case
            when deal_dates.first_won <= day_scores.day then 6
            when deal_dates.first_created <= day_scores.day then 5
            when (people.override = 'sql' and cast(people.override_at as date) <= day_scores.day)
                or (settings.fit_weight * day_scores.fit_score + settings.interest_weight * day_scores.interest_score >= settings.sql_threshold
                    and day_scores.meets_min_grade) then 4
            when settings.fit_weight * day_scores.fit_score + settings.interest_weight * day_scores.interest_score >= settings.mql_threshold
                and day_scores.meets_min_grade then 3
            when day_scores.signups > 0 and day_scores.other_conversions = 0 then 1
            else 2
        end as stage_rank
    from day_scores
    inner join people
        on day_scores.contact_id = people.contact_id
    left join deal_dates
        on day_scores.contact_id = deal_dates.contact_id
    cross join settings
),

-- ---------------------------------------------------------------- one row per contact
final as (
    select
        today.contact_id,
        today.fit_score,
        today.grade,
        today.is_disqualified,
        today.interest_score,
        today.lead_score,
        cast(1 + floor(99 * percent_rank() over (order by today.lead_score)) as integer) as score_percentile,
        case
            when today.fit_score >= settings.fit_high and today.interest_score >= settings.interest_high then 'sweet_spot'
            when today.fit_score >= settings.fit_high then 'nurture'
            when today.interest_score >= settings.interest_high then 'review'
            else 'avoid'
        end as quadrant,
        ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'][stages.reached] as lifecycle_stage,
        stages.subscriber_at,
        stages.lead_at,
        stages.mql_at,
        stages.sql_at,
        stages.opportunity_at,
        stages.customer_at,
        (select max(occurred_at) from activities where activities.contact_id = today.contact_id) as last_activity_at,
        people.is_later_version
    from day_stages as today
    inner join (
        select
            contact_id,
            max(stage_rank) as reached,
            min(case when stage_rank >= 1 then day end) as subscriber_at,
            min(case when stage_rank >= 2 then day end) as lead_at,
            min(case when stage_rank >= 3 then day end) as mql_at,
            min(case when stage_rank >= 4 then day end) as sql_at,
            min(case when stage_rank >= 5 then day end) as opportunity_at,
            min(case when stage_rank >= 6 then day end) as customer_at
        from day_stages
        group by contact_id
    ) as stages
        on today.contact_id = stages.contact_id
    inner join people
        on today.contact_id = people.contact_id
    cross join settings
    where today.day = date '{as_of}'
)

select * from final
order by contact_id
