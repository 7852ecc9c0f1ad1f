-- The settings of the predictive score (seeds/prediction_settings.csv, key/value rows)
-- pivoted into one typed row, with the conversion window of the scoring settings: the length W of
-- the label window and the spacing of the training days.
with settings_seed as (
    select * from {{ ref('prediction_settings') }}
),

scoring_settings as (
    select * from {{ ref('int_scoring__settings') }}
),

settings as (
    select
        lower({{ clean_text('key') }}) as setting_key,
        {{ clean_text('value') }} as setting_value
    from settings_seed
),

pivoted as (
    select
        {{ parse_number("max(case when setting_key = 'smoothing' then setting_value end)") }}
            as smoothing,
        -- 4 training days when the seed has no training_snapshots row (a seed file of an
        -- earlier version of the project)
        coalesce(
            {{ parse_number("max(case when setting_key = 'training_snapshots' then setting_value end)") }},
            case when max(case when setting_key = 'training_snapshots' then 1 else 0 end) = 0 then 4 end
        ) as training_snapshots
    from settings
),

final as (
    select
        pivoted.smoothing,
        pivoted.training_snapshots,
        scoring_settings.conversion_window_days
    from pivoted
    cross join scoring_settings
)

select * from final
