-- One row per contact and evaluation day: the scores, grade and stage computed that
-- day, and the stage reached so far (stages never move backward). The days before as_of_date
-- come from int_lead_scores_per_evaluation_day, as_of_date itself from
-- int_lead_scores_per_scoring_day.
with history as (
    select
        contact_id,
        evaluation_date,
        fit_score,
        interest_score,
        lead_score,
        grade,
        is_disqualified,
        computed_stage,
        {{ lifecycle_stage_name('reached_stage_rank') }} as reached_stage
    from {{ ref('int_lead_scores_per_evaluation_day') }}
    where scoring_day = 'as_of_date'
),

scoring_day as (
    select
        contact_id,
        scoring_date as evaluation_date,
        fit_score,
        interest_score,
        lead_score,
        grade,
        is_disqualified,
        computed_stage,
        lifecycle_stage as reached_stage
    from {{ ref('int_lead_scores_per_scoring_day') }}
    where scoring_day = 'as_of_date'
),

unioned as (
    select * from history
    union all
    select * from scoring_day
),

final as (
    select
        unioned.*,
        {{ as_of_date() }} as as_of_date
    from unioned
)

select * from final
