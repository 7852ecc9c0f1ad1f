-- The days the engine scores: as_of_date itself, and the backtest day of
-- mart_scoring_performance, as_of_date − conversion_window_days. Every scoring model carries
-- scoring_date in its grain, so the backtest day costs one more pass of the same models, and its
-- scores are exactly what a build with as_of_date = that day says.
with settings as (
    select * from {{ ref('int_scoring__settings') }}
),

days as (
    select
        {{ as_of_date() }} as scoring_date,
        'as_of_date' as scoring_day
    union all
    select
        cast(
            {{ dbt.dateadd(
                'day',
                '-1 * cast(settings.conversion_window_days as ' ~ dbt.type_int() ~ ')',
                as_of_date()) }}
            as date
        ) as scoring_date,
        'backtest_date' as scoring_day
    from settings
)

select * from days
