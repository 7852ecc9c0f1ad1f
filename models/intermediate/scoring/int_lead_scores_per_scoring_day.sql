{%- set stages = lifecycle_stages() -%}

-- The scores of every contact that exists on each scoring day: fit, interest and
-- lead score, grade, percentile among the contacts scored that day, quadrant, the forward-only
-- lifecycle stage and the first day each stage was reached (over the evaluation days before the
-- scoring day, int_lead_scores_per_evaluation_day, and the scoring day itself,
-- int_lead_scores_on_scoring_day). fct_lead_scores is the as_of_date day;
-- mart_scoring_performance reads the backtest day, so both are the same computation. The
-- training days of the predictive score have no stage history and are not here.
with scoring_day as (
    select lead_scores.*
    from {{ ref('int_lead_scores_on_scoring_day') }} as lead_scores
    inner join {{ ref('int_scoring_days') }} as scoring_days
        on lead_scores.scoring_day = scoring_days.scoring_day
    where scoring_days.is_reported_day
),

history as (
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
        scoring_day,
        contact_id,
        max(last_occurred_at) as last_activity_at
    from {{ ref('int_contact_activity_days') }}
    group by scoring_day, contact_id
),

-- the first evaluation day before the scoring day on which each stage (or a higher one) was
-- reached, and the highest stage reached before the scoring day
history_stages as (
    select
        scoring_day,
        contact_id,
        {% for stage in stages -%}
            min(case when computed_stage_rank >= {{ loop.index }} then evaluation_date end)
                as {{ stage }}_at,
        {% endfor -%}
        max(computed_stage_rank) as reached_stage_rank
    from history
    group by scoring_day, contact_id
),

stage_dates as (
    select
        scoring_day.scoring_day,
        scoring_day.contact_id,
        {% for stage in stages -%}
            coalesce(
                history_stages.{{ stage }}_at,
                case
                    when scoring_day.computed_stage_rank >= {{ loop.index }} then scoring_day.evaluation_date
                end
            ) as {{ stage }}_at,
        {% endfor -%}
        case
            when history_stages.reached_stage_rank > scoring_day.computed_stage_rank
                then history_stages.reached_stage_rank
            else scoring_day.computed_stage_rank
        end as lifecycle_stage_rank
    from scoring_day
    left join history_stages
        on scoring_day.scoring_day = history_stages.scoring_day
            and scoring_day.contact_id = history_stages.contact_id
),

scored as (
    select
        scoring_day.scoring_day,
        contacts.scoring_date,
        scoring_day.contact_id,
        scoring_day.fit_score,
        scoring_day.grade,
        scoring_day.is_disqualified,
        scoring_day.interest_score,
        scoring_day.lead_score,
        scoring_day.interest_rule_points,
        scoring_day.inactivity_points,
        scoring_day.computed_stage,
        cast(
            1 + floor(99 * percent_rank() over (
                partition by scoring_day.scoring_day order by scoring_day.lead_score
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
        on scoring_day.scoring_day = stage_dates.scoring_day
            and scoring_day.contact_id = stage_dates.contact_id
    inner join contacts
        on scoring_day.scoring_day = contacts.scoring_day
            and scoring_day.contact_id = contacts.contact_id
    left join activities
        on scoring_day.scoring_day = activities.scoring_day
            and scoring_day.contact_id = activities.contact_id
)

select * from scored
