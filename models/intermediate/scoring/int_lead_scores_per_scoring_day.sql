{%- set stages = lifecycle_stages() -%}

-- The scores of every contact that exists on each scoring day (SPEC §4, §4a): fit, interest and
-- lead score, grade, percentile among the contacts scored that day, quadrant, the forward-only
-- lifecycle stage and the first day each stage was reached. fct_lead_scores is the as_of_date
-- day; mart_scoring_performance reads the backtest day, so both are the same computation.
with daily as (
    select * from {{ ref('int_lead_scores_per_evaluation_day') }}
),

contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

settings as (
    select * from {{ ref('int_scoring__settings') }}
),

activities as (
    select
        scoring_date,
        contact_id,
        max(occurred_at) as last_activity_at
    from {{ ref('int_scoring_day_activities') }}
    group by scoring_date, contact_id
),

stage_dates as (
    select
        scoring_date,
        contact_id,
        {% for stage in stages -%}
            min(case when computed_stage_rank >= {{ loop.index }} then evaluation_date end)
                as {{ stage }}_at,
        {% endfor -%}
        max(computed_stage_rank) as lifecycle_stage_rank
    from daily
    group by scoring_date, contact_id
),

scoring_day as (
    select * from daily
    where evaluation_date = scoring_date
),

scored as (
    select
        scoring_day.scoring_date,
        scoring_day.contact_id,
        scoring_day.fit_score,
        scoring_day.grade,
        scoring_day.is_disqualified,
        scoring_day.interest_score,
        scoring_day.lead_score,
        cast(
            1 + floor(99 * percent_rank() over (
                partition by scoring_day.scoring_date order by scoring_day.lead_score
            )) as {{ dbt.type_int() }}
        ) as score_percentile,
        case
            when scoring_day.fit_score >= settings.fit_high_threshold
                and scoring_day.interest_score >= settings.interest_high_threshold then 'sweet_spot'
            when scoring_day.fit_score >= settings.fit_high_threshold then 'nurture'
            when scoring_day.interest_score >= settings.interest_high_threshold then 'review'
            else 'avoid'
        end as quadrant,
        {{ lifecycle_stage_name('stage_dates.lifecycle_stage_rank') }} as lifecycle_stage,
        {%- for stage in stages %}
            stage_dates.{{ stage }}_at,
        {%- endfor %}
        activities.last_activity_at,
        contacts.is_later_version
    from scoring_day
    cross join settings
    inner join stage_dates
        on scoring_day.scoring_date = stage_dates.scoring_date
            and scoring_day.contact_id = stage_dates.contact_id
    inner join contacts
        on scoring_day.scoring_date = contacts.scoring_date
            and scoring_day.contact_id = contacts.contact_id
    left join activities
        on scoring_day.scoring_date = activities.scoring_date
            and scoring_day.contact_id = activities.contact_id
)

select * from scored
