-- The predictive score (SPEC §6): one row per contact as of as_of_date, with its naive-Bayes
-- conversion probability (int_prediction_scores: trained on the contacts labelled on as_of_date,
-- features as they stood before each outcome), predictive_score 1-100 by percentile among all
-- contacts of the day (as score_percentile, SPEC §4), and the factors that push it up and down
-- most, in words.
with scores as (
    select * from {{ ref('int_prediction_scores') }}
    where scoring_date = {{ as_of_date() }}
),

final as (
    select
        contact_id,
        conversion_probability,
        conversion_percent,
        cast(
            1 + floor(99 * percent_rank() over (order by conversion_log_odds))
            as {{ dbt.type_int() }}
        ) as predictive_score,
        top_positive_factors,
        top_negative_factors,
        conversion_log_odds,
        coalesce(training_label, 'unlabelled') as training_label,
        feature_date as features_as_of,
        training_won,
        training_not_won,
        scoring_date as as_of_date
    from scores
)

select * from final
