-- The features of the predictive score in long form: one row per scoring day, contact
-- and feature of int_prediction__features, as they stood before the contact's outcome.
--   attributes: the value read on the feature_date (int_prediction_attribute_values), lower-cased;
--     a number through its bins; no value (or a number below the first bin) = '(none)';
--   activities: the count of the contact's activities of that kind up to the scoring day and
--     before the day of its first deal, through its bins (0 is a bin too).
-- feature_words names the value in the factors: "Industry is software", "Industry unknown",
-- "Employees 200–999", "3–5 e-mail clicks".
with feature_days as (
    select * from {{ ref('int_prediction_feature_days') }}
),

features as (
    select * from {{ ref('int_prediction__features') }}
),

bins as (
    select * from {{ ref('int_prediction__bins') }}
),

attribute_values as (
    select * from {{ ref('int_prediction_attribute_values') }}
),

activities as (
    select
        scoring_days.scoring_date,
        activities.contact_id,
        activities.activity,
        activities.activity_date
    from {{ ref('int_scoring_day_activities') }} as activities
    inner join {{ ref('int_scoring_days') }} as scoring_days
        on activities.scoring_day = scoring_days.scoring_day
),

attributes as (
    select
        attribute_values.scoring_date,
        attribute_values.contact_id,
        features.feature,
        features.feature_kind,
        features.bin_set,
        features.words,
        case
            when features.bin_set is null then attribute_values.value_text
            else bins.words
        end as feature_value
    from attribute_values
    inner join features
        on attribute_values.attribute = features.source_field
            and features.feature_kind = 'attribute'
    left join bins
        on features.bin_set = bins.bin_set
            and attribute_values.value_number >= bins.lower_bound
            and (bins.upper_bound is null or attribute_values.value_number < bins.upper_bound)
),

-- activities before the outcome, per feature: up to the scoring day, before the day of the first
-- deal and, with window_days, less than window_days days before the features' day
activity_counts as (
    select
        activities.scoring_date,
        activities.contact_id,
        features.feature,
        count(*) as activity_count
    from activities
    inner join feature_days
        on activities.scoring_date = feature_days.scoring_date
            and activities.contact_id = feature_days.contact_id
    inner join features
        on activities.activity = features.source_field
            and features.feature_kind = 'activity'
    where (
        feature_days.first_deal_created_date is null
        or activities.activity_date < feature_days.first_deal_created_date
    )
    and (
        features.window_days is null
        or {{ dbt.datediff('activities.activity_date', 'feature_days.feature_date', 'day') }}
        < features.window_days
    )
    group by activities.scoring_date, activities.contact_id, features.feature
),

activity_features as (
    select
        feature_days.scoring_date,
        feature_days.contact_id,
        features.feature,
        features.feature_kind,
        features.bin_set,
        features.words,
        bins.words as feature_value
    from feature_days
    cross join features
    left join activity_counts
        on feature_days.scoring_date = activity_counts.scoring_date
            and feature_days.contact_id = activity_counts.contact_id
            and features.feature = activity_counts.feature
    left join bins
        on features.bin_set = bins.bin_set
            and coalesce(activity_counts.activity_count, 0) >= bins.lower_bound
            and (bins.upper_bound is null or coalesce(activity_counts.activity_count, 0) < bins.upper_bound)
    where features.feature_kind = 'activity'
),

unioned as (
    select * from attributes
    union all
    select * from activity_features
),

final as (
    select
        scoring_date,
        contact_id,
        feature,
        feature_kind,
        coalesce(feature_value, '(none)') as feature_value,
        case
            when feature_value is null and feature_kind = 'activity'
                then {{ dbt.concat(['words', "' (no bin)'"]) }}
            when feature_value is null then {{ dbt.concat(['words', "' unknown'"]) }}
            when feature_kind = 'activity' then {{ dbt.concat(['feature_value', "' '", 'words']) }}
            when bin_set is not null then {{ dbt.concat(['words', "' '", 'feature_value']) }}
            else {{ dbt.concat(['words', "' is '", 'feature_value']) }}
        end as feature_words
    from unioned
)

select * from final
