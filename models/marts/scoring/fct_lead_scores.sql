{%- set stages = lifecycle_stages() -%}

-- One row per contact that exists as of as_of_date (SPEC §4, §5): fit, interest and lead score,
-- grade, percentile, quadrant, the forward-only lifecycle stage and the first day each stage was
-- reached. Scores are kept at full precision.
with daily as (
    select * from {{ ref('int_lead_scores_daily') }}
),

settings as (
    select * from {{ ref('int_scoring__settings') }}
),

activities as (
    select
        contact_id,
        max(occurred_at) as last_activity_at
    from {{ ref('int_activities') }}
    where activity_date <= {{ as_of_date() }}
    group by contact_id
),

stage_dates as (
    select
        contact_id,
        {% for stage in stages -%}
            min(case when computed_stage_rank >= {{ loop.index }} then evaluation_date end)
                as {{ stage }}_at,
        {% endfor -%}
        max(computed_stage_rank) as lifecycle_stage_rank
    from daily
    group by contact_id
),

top_reasons as (
    select * from {{ ref('int_contact_top_reasons') }}
),

as_of_day as (
    select * from daily
    where evaluation_date = {{ as_of_date() }}
),

scored as (
    select
        as_of_day.contact_id,
        as_of_day.fit_score,
        as_of_day.grade,
        as_of_day.is_disqualified,
        as_of_day.interest_score,
        as_of_day.lead_score,
        cast(
            1 + floor(99 * percent_rank() over (order by as_of_day.lead_score)) as {{ dbt.type_int() }}
        ) as score_percentile,
        case
            when as_of_day.fit_score >= settings.fit_high_threshold
                and as_of_day.interest_score >= settings.interest_high_threshold then 'sweet_spot'
            when as_of_day.fit_score >= settings.fit_high_threshold then 'nurture'
            when as_of_day.interest_score >= settings.interest_high_threshold then 'review'
            else 'avoid'
        end as quadrant,
        {{ lifecycle_stage_name('stage_dates.lifecycle_stage_rank') }} as lifecycle_stage,
        {%- for stage in stages %}
            stage_dates.{{ stage }}_at,
        {%- endfor %}
        activities.last_activity_at,
        top_reasons.top_reasons,
        as_of_day.evaluation_date as as_of_date
    from as_of_day
    cross join settings
    inner join stage_dates
        on as_of_day.contact_id = stage_dates.contact_id
    left join activities
        on as_of_day.contact_id = activities.contact_id
    left join top_reasons
        on as_of_day.contact_id = top_reasons.contact_id
)

select * from scored
