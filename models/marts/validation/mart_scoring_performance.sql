-- Does the score predict conversion? The backtest: every contact that exists on the
-- backtest day D = as_of_date − conversion_window_days and is not a customer on D, scored as of D
-- (int_lead_scores_per_scoring_day: the CRM versions, identities, deals and activities of D, the
-- same computation as a build as of D), and whether its first deal was won in (D, as_of_date].
-- One row per dimension and bucket: overall, grade, quadrant, lifecycle_stage (on D) and
-- score_decile (of the percentile among the population), with leads, conversions, rate and lift;
-- the overall row also carries the AUC of each score and the leads whose CRM data was written
-- after D.
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

scores as (
    select * from {{ ref('int_lead_scores_per_scoring_day') }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

labels as (
    select * from {{ ref('dim_scoring_labels') }}
),

predictions as (
    select * from {{ ref('int_prediction_scores') }}
),

backtest_day as (
    select scoring_date as backtest_date
    from scoring_days
    where scoring_day = 'backtest_date'
),

-- the population on D, with its conversion in (D, as_of_date] as known on as_of_date
population as (
    select
        scores.contact_id,
        scores.lead_score,
        scores.fit_score,
        scores.interest_score,
        scores.grade,
        scores.quadrant,
        scores.lifecycle_stage,
        scores.is_later_version,
        -- the naive-Bayes probability on D, learnt from D's own training days (D − k × W), so
        -- only from outcomes known on D;
        -- ranked by its log odds, which order the leads as the probability does without its
        -- rounding near 0 and 1
        predictions.conversion_log_odds as predictive_log_odds,
        coalesce(
            deals.first_deal_won_date > backtest_day.backtest_date
            and deals.first_deal_won_date <= {{ as_of_date() }},
            false
        ) as is_converted
    from scores
    inner join backtest_day
        on scores.scoring_date = backtest_day.backtest_date
    left join deals
        on deals.scoring_date = {{ as_of_date() }}
            and scores.contact_id = deals.contact_id
    left join predictions
        on scores.scoring_date = predictions.scoring_date
            and scores.contact_id = predictions.contact_id
    where scores.lifecycle_stage != 'customer'
),

-- score deciles of the population: 1 = percentile 1-10 ... 10 = 91-100
ranked as (
    select
        population.*,
        1 + floor(99 * percent_rank() over (order by population.lead_score)) as population_percentile
    from population
),

dimensioned as (
    select
        'overall' as dimension,
        'all' as bucket,
        contact_id,
        is_converted,
        is_later_version
    from ranked
    union all
    select
        'grade' as dimension,
        grade as bucket,
        contact_id,
        is_converted,
        is_later_version
    from ranked
    union all
    select
        'quadrant' as dimension,
        quadrant as bucket,
        contact_id,
        is_converted,
        is_later_version
    from ranked
    union all
    select
        'lifecycle_stage' as dimension,
        lifecycle_stage as bucket,
        contact_id,
        is_converted,
        is_later_version
    from ranked
    union all
    select
        'score_decile' as dimension,
        cast(
            cast(1 + floor((population_percentile - 1) / 10) as {{ dbt.type_int() }})
            as {{ dbt.type_string() }}
        ) as bucket,
        contact_id,
        is_converted,
        is_later_version
    from ranked
),

-- every bucket a dashboard expects, also when no lead falls into it
buckets as (
    select
        'overall' as dimension,
        'all' as bucket,
        0 as bucket_order
    union all
    select
        label_kind as dimension,
        label_value as bucket,
        sort_order as bucket_order
    from labels
    where label_kind in ('grade', 'quadrant')
        or (label_kind = 'lifecycle_stage' and label_value != 'customer')
    union all
    {% for decile in range(1, 11) -%}
        select
            'score_decile' as dimension,
            '{{ decile }}' as bucket,
            {{ decile }} as bucket_order
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

counted as (
    select
        buckets.dimension,
        buckets.bucket,
        buckets.bucket_order,
        count(dimensioned.contact_id) as leads,
        coalesce(sum(case when dimensioned.is_converted then 1 else 0 end), 0) as conversions,
        coalesce(sum(case when dimensioned.is_later_version then 1 else 0 end), 0)
            as later_version_leads
    from buckets
    left join dimensioned
        on buckets.dimension = dimensioned.dimension
            and buckets.bucket = dimensioned.bucket
    group by buckets.dimension, buckets.bucket, buckets.bucket_order
),

rated as (
    select
        counted.*,
        case
            when counted.leads > 0
                then cast(counted.conversions as {{ scoring_type_double() }}) / counted.leads
        end as conversion_rate
    from counted
),

overall as (
    select conversion_rate as overall_rate
    from rated
    where dimension = 'overall'
),

auc as (
    {{ auc_mann_whitney(
        'population',
        ['lead_score', 'fit_score', 'interest_score', 'predictive_log_odds'],
        'is_converted') }}
),

final as (
    select
        backtest_day.backtest_date,
        {{ as_of_date() }} as as_of_date,
        rated.dimension,
        rated.bucket,
        cast(rated.bucket_order as {{ dbt.type_int() }}) as bucket_order,
        cast(rated.leads as {{ dbt.type_bigint() }}) as leads,
        cast(rated.conversions as {{ dbt.type_bigint() }}) as conversions,
        rated.conversion_rate,
        case
            when overall.overall_rate > 0 then rated.conversion_rate / overall.overall_rate
        end as lift,
        case
            when rated.dimension = 'overall'
                then cast(rated.later_version_leads as {{ dbt.type_bigint() }})
        end as later_version_leads,
        case when rated.dimension = 'overall' then auc.lead_score_auc end as auc_lead_score,
        case when rated.dimension = 'overall' then auc.fit_score_auc end as auc_fit_score,
        case when rated.dimension = 'overall' then auc.interest_score_auc end as auc_interest_score,
        case when rated.dimension = 'overall' then auc.predictive_log_odds_auc end as auc_predictive
    from rated
    cross join backtest_day
    cross join overall
    cross join auc
)

select * from final
