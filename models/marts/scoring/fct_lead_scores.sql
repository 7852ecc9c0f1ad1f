{%- set stages = lifecycle_stages() -%}

-- One row per contact that exists as of as_of_date (SPEC §4, §5): fit, interest and lead score,
-- grade, percentile, quadrant, the forward-only lifecycle stage and the first day each stage was
-- reached. Scores are kept at full precision. The as_of_date day of int_lead_scores_per_scoring_day.
with scores as (
    select * from {{ ref('int_lead_scores_per_scoring_day') }}
    where scoring_date = {{ as_of_date() }}
),

top_reasons as (
    select * from {{ ref('int_contact_top_reasons') }}
),

final as (
    select
        scores.contact_id,
        scores.fit_score,
        scores.grade,
        scores.is_disqualified,
        scores.interest_score,
        scores.lead_score,
        scores.score_percentile,
        scores.quadrant,
        scores.lifecycle_stage,
        {%- for stage in stages %}
            scores.{{ stage }}_at,
        {%- endfor %}
        scores.last_activity_at,
        top_reasons.top_reasons,
        scores.is_later_version,
        scores.scoring_date as as_of_date
    from scores
    left join top_reasons
        on scores.contact_id = top_reasons.contact_id
)

select * from final
