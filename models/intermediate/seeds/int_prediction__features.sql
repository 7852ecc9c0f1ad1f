-- The features of the predictive score (SPEC §6; seeds/prediction_features.csv): one row per
-- feature: a fit attribute of SPEC §3 (source_field = the attribute) or the count of an
-- activity kind (source_field = the activity) in the window_days days before the features' day
-- (empty = all history), with the bin set that groups its numbers (none: the attribute's
-- values are the categories) and the words that name it in the factors. Remove a row to leave a
-- feature out.
with features_seed as (
    select * from {{ ref('prediction_features') }}
),

final as (
    select
        {{ scoring_seed_lower('feature') }} as feature,
        {{ scoring_seed_lower('feature_kind') }} as feature_kind,
        {{ scoring_seed_lower('source_field') }} as source_field,
        cast({{ scoring_seed_number('window_days') }} as {{ dbt.type_int() }}) as window_days,
        {{ scoring_seed_lower('bin_set') }} as bin_set,
        {{ scoring_seed_text('words') }} as words
    from features_seed
)

select * from final
