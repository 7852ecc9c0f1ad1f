-- The naive-Bayes conversion probability of every contact on each reported scoring day
-- (as_of_date and the backtest day: int_scoring_days.is_reported_day), Odoo style, learnt from the
-- snapshots of the K training days before it (int_prediction_training_rows: the days n + 1 … n + K
-- of a day n, so the backtest day learns only from outcomes known on it), with every feature read
-- on its own training day (int_prediction_features).
--
-- With α = the smoothing setting, N_won / N_not_won the training rows of the day's K training days,
-- n_won(f, v) / n_not_won(f, v) those of them whose feature f has value v, and K_f the number of
-- values of f seen among them:
--   P(v | won)     = (n_won(f, v) + α) / (N_won + α K_f)       (additive smoothing)
--   P(v | not won) = (n_not_won(f, v) + α) / (N_not_won + α K_f)
--   factor(f, v)   = ln P(v | won) − ln P(v | not won)          (0 for a value never seen)
--   log odds       = ln((N_won + α) / (N_not_won + α)) + Σ_f factor(f, v)
--   probability    = 1 / (1 + e^(−log odds))
-- which is prior × product of likelihoods, normalised over won and not won, in log space. The
-- factors with the largest positive and negative weight are the contact's top factors in words.
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

features as (
    select * from {{ ref('int_prediction_features') }}
),

training_rows as (
    select * from {{ ref('int_prediction_training_rows') }}
),

settings as (
    select * from {{ ref('int_prediction__settings') }}
),

-- each reported day and the training days it learns from
model_days as (
    select
        reported.scoring_day,
        reported.scoring_date,
        training.scoring_day as training_scoring_day
    from scoring_days as reported
    cross join settings
    inner join scoring_days as training
        on reported.scoring_day_number < training.scoring_day_number
            and reported.scoring_day_number + settings.training_snapshots >= training.scoring_day_number
    where reported.is_reported_day
),

model_rows as (
    select
        model_days.scoring_day,
        training_rows.scoring_day as training_scoring_day,
        training_rows.contact_id,
        training_rows.is_won
    from model_days
    inner join training_rows
        on model_days.training_scoring_day = training_rows.scoring_day
),

class_totals as (
    select
        model_days.scoring_day,
        sum(case when model_rows.is_won then 1 else 0 end) as won_rows,
        sum(case when not model_rows.is_won then 1 else 0 end) as not_won_rows,
        count(distinct model_rows.training_scoring_day) as training_days
    from model_days
    left join model_rows
        on model_days.scoring_day = model_rows.scoring_day
            and model_days.training_scoring_day = model_rows.training_scoring_day
    group by model_days.scoring_day
),

value_counts as (
    select
        model_rows.scoring_day,
        features.feature,
        features.feature_value,
        sum(case when model_rows.is_won then 1 else 0 end) as won_count,
        sum(case when model_rows.is_won then 0 else 1 end) as not_won_count
    from model_rows
    inner join features
        on model_rows.training_scoring_day = features.scoring_day
            and model_rows.contact_id = features.contact_id
    group by model_rows.scoring_day, features.feature, features.feature_value
),

feature_cardinality as (
    select
        scoring_day,
        feature,
        count(*) as value_count
    from value_counts
    group by scoring_day, feature
),

likelihoods as (
    select
        value_counts.scoring_day,
        value_counts.feature,
        value_counts.feature_value,
        ln(
            (value_counts.won_count + settings.smoothing)
            / (class_totals.won_rows + settings.smoothing * feature_cardinality.value_count)
        )
        - ln(
            (value_counts.not_won_count + settings.smoothing)
            / (class_totals.not_won_rows + settings.smoothing * feature_cardinality.value_count)
        ) as factor
    from value_counts
    inner join feature_cardinality
        on value_counts.scoring_day = feature_cardinality.scoring_day
            and value_counts.feature = feature_cardinality.feature
    inner join class_totals
        on value_counts.scoring_day = class_totals.scoring_day
    cross join settings
),

-- the features of the contacts scored on each reported day, with their factors
scored_features as (
    select features.*
    from features
    inner join scoring_days
        on features.scoring_day = scoring_days.scoring_day
    where scoring_days.is_reported_day
),

factors as (
    select
        scored_features.scoring_day,
        scored_features.contact_id,
        scored_features.feature,
        scored_features.feature_words,
        coalesce(likelihoods.factor, 0) as factor
    from scored_features
    left join likelihoods
        on scored_features.scoring_day = likelihoods.scoring_day
            and scored_features.feature = likelihoods.feature
            and scored_features.feature_value = likelihoods.feature_value
),

factor_sums as (
    select
        scoring_day,
        contact_id,
        sum(factor) as factor_sum
    from factors
    group by scoring_day, contact_id
),

-- the top factors are ranked on narrow rows, positive and negative factors apart, and only the
-- two best of each direction get their words: a window over every feature row with its words
-- would hold all of them in memory at once
ranked_factors as (
    select
        scoring_day,
        contact_id,
        feature,
        'positive' as direction,
        row_number() over (
            partition by scoring_day, contact_id order by factor desc, feature asc
        ) as factor_rank
    from factors
    where factor > 0
    union all
    select
        scoring_day,
        contact_id,
        feature,
        'negative' as direction,
        row_number() over (
            partition by scoring_day, contact_id order by factor asc, feature asc
        ) as factor_rank
    from factors
    where factor < 0
),

top_factors as (
    select
        ranked_factors.scoring_day,
        ranked_factors.contact_id,
        max(
            case
                when ranked_factors.direction = 'positive' and ranked_factors.factor_rank = 1
                    then scored_features.feature_words
            end
        ) as positive_1,
        max(
            case
                when ranked_factors.direction = 'positive' and ranked_factors.factor_rank = 2
                    then scored_features.feature_words
            end
        ) as positive_2,
        max(
            case
                when ranked_factors.direction = 'negative' and ranked_factors.factor_rank = 1
                    then scored_features.feature_words
            end
        ) as negative_1,
        max(
            case
                when ranked_factors.direction = 'negative' and ranked_factors.factor_rank = 2
                    then scored_features.feature_words
            end
        ) as negative_2
    from ranked_factors
    inner join scored_features
        on ranked_factors.scoring_day = scored_features.scoring_day
            and ranked_factors.contact_id = scored_features.contact_id
            and ranked_factors.feature = scored_features.feature
    where ranked_factors.factor_rank <= 2
    group by ranked_factors.scoring_day, ranked_factors.contact_id
),

summed as (
    select
        factor_sums.scoring_day,
        factor_sums.contact_id,
        factor_sums.factor_sum,
        top_factors.positive_1,
        top_factors.positive_2,
        top_factors.negative_1,
        top_factors.negative_2
    from factor_sums
    left join top_factors
        on factor_sums.scoring_day = top_factors.scoring_day
            and factor_sums.contact_id = top_factors.contact_id
),

scored as (
    select
        contacts.scoring_day,
        contacts.scoring_date,
        contacts.contact_id,
        cast(class_totals.won_rows as {{ dbt.type_bigint() }}) as training_won,
        cast(class_totals.not_won_rows as {{ dbt.type_bigint() }}) as training_not_won,
        cast(class_totals.training_days as {{ dbt.type_int() }}) as training_days,
        -- kept to 6 decimals: a sum of doubles depends on the order it is added in, and
        -- contacts with the same features must tie on every engine (ranks, AUC)
        cast(
            cast(
                ln(
                    (class_totals.won_rows + settings.smoothing)
                    / (class_totals.not_won_rows + settings.smoothing)
                )
                + coalesce(summed.factor_sum, 0)
                as {{ dbt.type_numeric() }}
            )
            as {{ scoring_type_double() }}
        ) as conversion_log_odds,
        summed.positive_1,
        summed.positive_2,
        summed.negative_1,
        summed.negative_2
    from {{ ref('int_contacts_enriched') }} as contacts
    inner join class_totals
        on contacts.scoring_day = class_totals.scoring_day
    cross join settings
    left join summed
        on contacts.scoring_day = summed.scoring_day
            and contacts.contact_id = summed.contact_id
),

final as (
    select
        scoring_day,
        scoring_date,
        contact_id,
        training_won,
        training_not_won,
        training_days,
        conversion_log_odds,
        -- the logistic function without overflow: e^x is only taken of x ≤ 0, and |x| is kept
        -- within 500 (e^−500 is still a double; 1 / (1 + e^500) would overflow)
        case
            when conversion_log_odds >= 0
                then 1 / (1 + exp(-1 * least(conversion_log_odds, 500)))
            else exp(greatest(conversion_log_odds, -500))
                / (1 + exp(greatest(conversion_log_odds, -500)))
        end as conversion_probability,
        case
            when positive_2 is null then positive_1
            else {{ dbt.concat(['positive_1', "'; '", 'positive_2']) }}
        end as top_positive_factors,
        case
            when negative_2 is null then negative_1
            else {{ dbt.concat(['negative_1', "'; '", 'negative_2']) }}
        end as top_negative_factors
    from scored
),

shown as (
    select
        final.*,
        -- shown as a percentage rounded to 2 decimals, as the project shows scores
        cast(
            round(cast(100 * conversion_probability as {{ dbt.type_numeric() }}), 2)
            as {{ scoring_type_double() }}
        ) as conversion_percent
    from final
)

select * from shown
