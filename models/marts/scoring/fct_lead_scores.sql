{%- set stages = lifecycle_stages() -%}

-- One row per contact that exists as of as_of_date (SPEC §4, §5): fit, interest and lead score,
-- grade, percentile, quadrant, the forward-only lifecycle stage and the first day each stage was
-- reached. Scores are kept at full precision. The as_of_date day of int_lead_scores_by_scoring_day.
with scores as (
    select * from {{ ref('int_lead_scores_by_scoring_day') }}
    where scoring_date = {{ as_of_date() }}
),

final as (
    select
        contact_id,
        fit_score,
        grade,
        is_disqualified,
        interest_score,
        lead_score,
        score_percentile,
        quadrant,
        lifecycle_stage,
        {%- for stage in stages %}
            {{ stage }}_at,
        {%- endfor %}
        last_activity_at,
        is_later_version,
        scoring_date as as_of_date
    from scores
)

select * from final
