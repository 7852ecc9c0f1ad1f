-- One row per contact and evaluation day (SPEC §4, §5): the scores, grade and stage computed that
-- day, and the stage reached so far (stages never move backward).
with daily as (
    select * from {{ ref('int_lead_scores_per_evaluation_day') }}
    where scoring_date = {{ as_of_date() }}
),

history as (
    select
        contact_id,
        evaluation_date,
        fit_score,
        interest_score,
        lead_score,
        grade,
        is_disqualified,
        computed_stage,
        {{ lifecycle_stage_name(
            'max(computed_stage_rank) over (partition by contact_id order by evaluation_date '
            ~ 'rows between unbounded preceding and current row)') }} as reached_stage,
        {{ as_of_date() }} as as_of_date
    from daily
)

select * from history
