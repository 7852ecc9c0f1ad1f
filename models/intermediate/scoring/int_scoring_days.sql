-- The days the engine scores, one row each: as_of_date itself, the backtest day of
-- mart_scoring_performance D = as_of_date − W (W = conversion_window_days), and the training days
-- of the predictive score further back, as_of_date − n × W for n = 2 … K + 1 (K =
-- training_snapshots). The predictive score of as_of_date learns from the days n = 1 … K (D is the
-- first of them), the one of D from n = 2 … K + 1, so one set of days serves both. Every scoring
-- model carries the scoring day in its grain, so each day costs one more pass of the same models,
-- and its scores and features are exactly what a build with as_of_date = that day says.
-- The two days the marts report (is_reported_day: as_of_date, and the backtest day of
-- mart_scoring_performance) get a lifecycle stage, which needs each contact's history of
-- evaluation days before the day, and a predictive score; the training days only their scores and
-- features on the day itself.
{%- set max_training_snapshots = 24 %}

with settings as (
    select * from {{ ref('int_prediction__settings') }}
),

numbers as (
    {% for day_number in range(0, max_training_snapshots + 2) -%}
        select {{ day_number }} as scoring_day_number
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

days as (
    select
        case numbers.scoring_day_number
            when 0 then 'as_of_date'
            when 1 then 'backtest_date'
            else {{ dbt.concat([
                "'training_day_'", "cast(numbers.scoring_day_number as " ~ dbt.type_string() ~ ")"
            ]) }}
        end as scoring_day,
        cast(
            {{ dbt.dateadd(
                'day',
                '-1 * numbers.scoring_day_number * cast(settings.conversion_window_days as ' ~ dbt.type_int() ~ ')',
                as_of_date()) }}
            as date
        ) as scoring_date,
        cast(numbers.scoring_day_number as {{ dbt.type_int() }}) as scoring_day_number,
        numbers.scoring_day_number <= 1 as is_reported_day
    from numbers
    cross join settings
    where numbers.scoring_day_number <= settings.training_snapshots + 1
)

select * from days
