-- The naive-Bayes conversion probability of every contact on every scoring day, Odoo
-- style, trained on that day's labelled contacts only (int_prediction_feature_days), from the
-- features as they stood before each outcome (int_prediction_features).
--
-- With α = the smoothing setting, N_won / N_not_won the labelled contacts of the day, n_won(f, v)
-- / n_not_won(f, v) those of them whose feature f has value v, and K_f the number of values of f
-- seen among them:
--   P(v | won)     = (n_won(f, v) + α) / (N_won + α K_f)       (additive smoothing)
--   P(v | not won) = (n_not_won(f, v) + α) / (N_not_won + α K_f)
--   factor(f, v)   = ln P(v | won) − ln P(v | not won)          (0 for a value never seen)
--   log odds       = ln((N_won + α) / (N_not_won + α)) + Σ_f factor(f, v)
--   probability    = 1 / (1 + e^(−log odds))
-- which is prior × product of likelihoods, normalised over won and not won, in log space. The
-- factors with the largest positive and negative weight are the contact's top factors in words.
with features as (
    select * from {{ ref('int_prediction_features') }}
),

feature_days as (
    select * from {{ ref('int_prediction_feature_days') }}
),

settings as (
    select * from {{ ref('int_prediction__settings') }}
),

labelled as (
    select
        features.scoring_date,
        features.feature,
        features.feature_value,
        feature_days.training_label
    from features
    inner join feature_days
        on features.scoring_date = feature_days.scoring_date
            and features.contact_id = feature_days.contact_id
    where feature_days.training_label is not null
),

class_totals as (
    select
        scoring_date,
        sum(case when training_label = 'won' then 1 else 0 end) as won_contacts,
        sum(case when training_label = 'not_won' then 1 else 0 end) as not_won_contacts
    from feature_days
    group by scoring_date
),

value_counts as (
    select
        scoring_date,
        feature,
        feature_value,
        sum(case when training_label = 'won' then 1 else 0 end) as won_count,
        sum(case when training_label = 'not_won' then 1 else 0 end) as not_won_count
    from labelled
    group by scoring_date, feature, feature_value
),

feature_cardinality as (
    select
        scoring_date,
        feature,
        count(*) as value_count
    from value_counts
    group by scoring_date, feature
),

likelihoods as (
    select
        value_counts.scoring_date,
        value_counts.feature,
        value_counts.feature_value,
        ln(
            (value_counts.won_count + settings.smoothing)
            / (class_totals.won_contacts + settings.smoothing * feature_cardinality.value_count)
        )
        - ln(
            (value_counts.not_won_count + settings.smoothing)
            / (class_totals.not_won_contacts + settings.smoothing * feature_cardinality.value_count)
        ) as factor
    from value_counts
    inner join feature_cardinality
        on value_counts.scoring_date = feature_cardinality.scoring_date
            and value_counts.feature = feature_cardinality.feature
    inner join class_totals
        on value_counts.scoring_date = class_totals.scoring_date
    cross join settings
),

factors as (
    select
        features.scoring_date,
        features.contact_id,
        features.feature,
        features.feature_words,
        coalesce(likelihoods.factor, 0) as factor
    from features
    left join likelihoods
        on features.scoring_date = likelihoods.scoring_date
            and features.feature = likelihoods.feature
            and features.feature_value = likelihoods.feature_value
),

factor_sums as (
    select
        scoring_date,
        contact_id,
        sum(factor) as factor_sum
    from factors
    group by scoring_date, contact_id
),

-- the top factors are ranked on narrow rows, positive and negative factors apart, and only the
-- two best of each direction get their words: a window over every feature row with its words
-- would hold all of them in memory at once
ranked_factors as (
    select
        scoring_date,
        contact_id,
        feature,
        'positive' as direction,
        row_number() over (
            partition by scoring_date, contact_id order by factor desc, feature asc
        ) as factor_rank
    from factors
    where factor > 0
    union all
    select
        scoring_date,
        contact_id,
        feature,
        'negative' as direction,
        row_number() over (
            partition by scoring_date, contact_id order by factor asc, feature asc
        ) as factor_rank
    from factors
    where factor < 0
),

top_factors as (
    select
        ranked_factors.scoring_date,
        ranked_factors.contact_id,
        max(
            case
                when ranked_factors.direction = 'positive' and ranked_factors.factor_rank = 1
                    then features.feature_words
            end
        ) as positive_1,
        max(
            case
                when ranked_factors.direction = 'positive' and ranked_factors.factor_rank = 2
                    then features.feature_words
            end
        ) as positive_2,
        max(
            case
                when ranked_factors.direction = 'negative' and ranked_factors.factor_rank = 1
                    then features.feature_words
            end
        ) as negative_1,
        max(
            case
                when ranked_factors.direction = 'negative' and ranked_factors.factor_rank = 2
                    then features.feature_words
            end
        ) as negative_2
    from ranked_factors
    inner join features
        on ranked_factors.scoring_date = features.scoring_date
            and ranked_factors.contact_id = features.contact_id
            and ranked_factors.feature = features.feature
    where ranked_factors.factor_rank <= 2
    group by ranked_factors.scoring_date, ranked_factors.contact_id
),

summed as (
    select
        factor_sums.scoring_date,
        factor_sums.contact_id,
        factor_sums.factor_sum,
        top_factors.positive_1,
        top_factors.positive_2,
        top_factors.negative_1,
        top_factors.negative_2
    from factor_sums
    left join top_factors
        on factor_sums.scoring_date = top_factors.scoring_date
            and factor_sums.contact_id = top_factors.contact_id
),

scored as (
    select
        feature_days.scoring_date,
        feature_days.contact_id,
        feature_days.feature_date,
        feature_days.training_label,
        cast(class_totals.won_contacts as {{ dbt.type_bigint() }}) as training_won,
        cast(class_totals.not_won_contacts as {{ dbt.type_bigint() }}) as training_not_won,
        -- kept to 6 decimals: a sum of doubles depends on the order it is added in, and
        -- contacts with the same features must tie on every engine (ranks, AUC)
        cast(
            cast(
                ln(
                    (class_totals.won_contacts + settings.smoothing)
                    / (class_totals.not_won_contacts + settings.smoothing)
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
    from feature_days
    inner join class_totals
        on feature_days.scoring_date = class_totals.scoring_date
    cross join settings
    left join summed
        on feature_days.scoring_date = summed.scoring_date
            and feature_days.contact_id = summed.contact_id
),

final as (
    select
        scoring_date,
        contact_id,
        feature_date,
        training_label,
        training_won,
        training_not_won,
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
