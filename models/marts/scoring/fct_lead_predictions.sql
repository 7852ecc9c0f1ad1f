-- The predictive score: one row per contact as of as_of_date, with its naive-Bayes probability of
-- converting (its first deal won) within conversion_window_days (int_prediction_scores: learnt from
-- the snapshots of the K training days before as_of_date, each row with its features as of its own
-- day; this contact's features as of as_of_date), predictive_score 1-100 by percentile among all
-- contacts of the day (as score_percentile), and the factors that push it up and down most, in
-- words.
with scores as (
    select * from {{ ref('int_prediction_scores') }}
    where scoring_day = 'as_of_date'
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
        training_days,
        training_won,
        training_not_won,
        scoring_date as as_of_date
    from scores
)

select * from final
