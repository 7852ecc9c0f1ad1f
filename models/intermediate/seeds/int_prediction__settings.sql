-- The settings of the predictive score (SPEC §6; seeds/prediction_settings.csv, key/value rows)
-- pivoted into one typed row, with the conversion window of the scoring settings that defines a
-- "not won" training label.
with settings_seed as (
    select * from {{ ref('prediction_settings') }}
),

scoring_settings as (
    select * from {{ ref('int_scoring__settings') }}
),

settings as (
    select
        {{ scoring_seed_lower('key') }} as setting_key,
        {{ scoring_seed_text('value') }} as setting_value
    from settings_seed
),

pivoted as (
    select
        {{ scoring_seed_number("max(case when setting_key = 'smoothing' then setting_value end)") }}
            as smoothing
    from settings
),

final as (
    select
        pivoted.smoothing,
        scoring_settings.conversion_window_days
    from pivoted
    cross join scoring_settings
)

select * from final
