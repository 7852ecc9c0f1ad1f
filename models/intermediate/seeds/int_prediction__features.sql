-- The features of the predictive score (seeds/prediction_features.csv): one row per
-- feature: a fit attribute (source_field = the attribute) or the count of an
-- activity kind (source_field = the activity) in the window_days days before the features' day
-- (empty = all history), with the bin set that groups its numbers (none: the attribute's
-- values are the categories) and the words that name it in the factors. Remove a row to leave a
-- feature out.
with features_seed as (
    select * from {{ ref('prediction_features') }}
),

final as (
    select
        lower({{ clean_text('feature') }}) as feature,
        lower({{ clean_text('feature_kind') }}) as feature_kind,
        lower({{ clean_text('source_field') }}) as source_field,
        cast({{ parse_number(clean_text('window_days')) }} as {{ dbt.type_int() }}) as window_days,
        lower({{ clean_text('bin_set') }}) as bin_set,
        {{ clean_text('words') }} as words
    from features_seed
)

select * from final
