{#- Interest points per scoring day, contact, evaluation day and rule, the one place decay,
    windows and caps are applied: each day's matched points decay with the rule's half-life, drop
    out once their age reaches window_days, and the rule's total is capped at max_points keeping
    its sign. It emits the CTEs `interest_contact_rules`, `interest_entries`, `interest_exits`,
    `interest_changes`, `interest_probes`, `interest_running`, `interest_per_rule` and
    `interest_rule_scores` (the result: scoring_day, contact_id, evaluation_date, rule_id,
    matches, uncapped_points, points), to be placed in a `with` chain after two CTEs:

    - `evaluation_days`: scoring_day, contact_id, evaluation_date (unique), the days to score;
    - `daily_points`: scoring_day, contact_id, rule_id, activity_date, matches, points (the rows of
      int_interest_rule_points_per_activity_day of the same contacts).

    Linear in the rows it reads: p × 0.5^((d − t)/h) = p × w(t) / w(d) with w(t) = 0.5^((ref −
    t)/h), so one running sum of p × w(t) per contact and rule, read on each evaluation day d
    (running_totals_on_days) and divided by w(d), gives that day's decayed total; a matched day
    also leaves the running sum window_days later, which makes the sum a windowed one. ref is the
    contact's last matched day of the rule, so every weight stays in double range over the
    contact's history. Rendered by int_interest_rule_scores_per_evaluation_day (the evaluation
    days before the scoring day); the scoring day itself, one evaluation day per contact, is
    scored by interest_rule_scores_on_one_day below, the same sums without the running totals. -#}
{% macro interest_rule_scores_on_days() -%}
interest_contact_rules as (
    select
        daily_points.scoring_day,
        daily_points.contact_id,
        daily_points.rule_id,
        min(daily_points.activity_date) as first_match_date,
        max(daily_points.activity_date) as reference_date,
        max(rules.half_life_days) as half_life_days,
        max(rules.window_days) as window_days,
        max(rules.max_points) as max_points
    from daily_points
    inner join {{ ref('int_scoring__interest_rules') }} as rules
        on daily_points.rule_id = rules.rule_id
    group by daily_points.scoring_day, daily_points.contact_id, daily_points.rule_id
),

-- a matched day enters the running sum with its points weighted by w(day) ...
interest_entries as (
    select
        daily_points.scoring_day,
        daily_points.contact_id,
        daily_points.rule_id,
        daily_points.activity_date as event_date,
        daily_points.matches as matches_change,
        daily_points.points * {{ decay_weight(
            'interest_contact_rules.reference_date', 'daily_points.activity_date',
            'interest_contact_rules.half_life_days'
        ) }} as weighted_points_change,
        interest_contact_rules.window_days
    from daily_points
    inner join interest_contact_rules
        on daily_points.scoring_day = interest_contact_rules.scoring_day
            and daily_points.contact_id = interest_contact_rules.contact_id
            and daily_points.rule_id = interest_contact_rules.rule_id
),

-- ... and leaves it window_days later, when its age reaches the window
interest_exits as (
    select
        scoring_day,
        contact_id,
        rule_id,
        cast(
            {{ dbt.dateadd('day', 'cast(window_days as ' ~ dbt.type_int() ~ ')', 'event_date') }}
            as date
        ) as event_date,
        -1 * matches_change as matches_change,
        -1 * weighted_points_change as weighted_points_change
    from interest_entries
    where window_days is not null
),

interest_changes as (
    select
        scoring_day,
        contact_id,
        rule_id,
        event_date,
        matches_change,
        weighted_points_change
    from interest_entries
    union all
    select * from interest_exits
),

-- every evaluation day reads the running sum of each rule matched on or before it
interest_probes as (
    select
        evaluation_days.scoring_day,
        evaluation_days.contact_id,
        interest_contact_rules.rule_id,
        evaluation_days.evaluation_date,
        interest_contact_rules.reference_date,
        interest_contact_rules.half_life_days,
        interest_contact_rules.max_points
    from evaluation_days
    inner join interest_contact_rules
        on evaluation_days.scoring_day = interest_contact_rules.scoring_day
            and evaluation_days.contact_id = interest_contact_rules.contact_id
            and evaluation_days.evaluation_date >= interest_contact_rules.first_match_date
),

interest_running as (
    {{ running_totals_on_days(
        'interest_changes', 'interest_probes', ['scoring_day', 'contact_id', 'rule_id'], 'event_date',
        'evaluation_date',
        [
            {'name': 'matches', 'aggregate': 'sum', 'column': 'matches_change'},
            {'name': 'weighted_points', 'aggregate': 'sum', 'column': 'weighted_points_change'},
        ]) }}
),

interest_per_rule as (
    select
        scoring_day,
        contact_id,
        evaluation_date,
        rule_id,
        max_points,
        matches,
        -- the day's decayed total, produced at the precision of every score (exact_points)
        {{ exact_points(
            'case when matches = 0 then 0 else weighted_points / '
            ~ decay_weight('reference_date', 'evaluation_date', 'half_life_days')
            ~ ' end'
        ) }} as uncapped_points
    from interest_running
),

interest_rule_scores as (
    select
        scoring_day,
        contact_id,
        evaluation_date,
        rule_id,
        matches,
        {{ exact_score('uncapped_points') }} as uncapped_points,
        {{ exact_score(capped_points('uncapped_points', exact_points('max_points'))) }} as points
    from interest_per_rule
)
{%- endmacro %}


{#- The same interest points on ONE evaluation day per scoring day and contact (the scoring day
    itself): `evaluation_days` holds one row per scoring_day and contact_id, and every row of
    `daily_points` is on or before it. A matched day counts while its age d − t is below the
    rule's window_days (the day interest_rule_scores_on_days lets it exit), its points decay to
    p × 0.5^((d − t)/h), and the rule's total is capped as above: one grouped sum per contact and
    rule, no running totals (a tenth of their time on a full table). It emits the CTEs
    `interest_day_points` and `interest_rule_scores` (the same columns as the running version);
    int_interest_rule_scores_on_scoring_day renders it. -#}
{% macro interest_rule_scores_on_one_day() -%}
{%- set age_days = dbt.datediff(
    'daily_points.activity_date', 'evaluation_days.evaluation_date', 'day'
) -%}
{#- an activity day still inside its rule's window on the evaluation day (every day without one) -#}
{%- set in_window = '(rules.window_days is null or ' ~ age_days ~ ' < rules.window_days)' -%}
interest_day_points as (
    select
        daily_points.scoring_day,
        daily_points.contact_id,
        evaluation_days.evaluation_date,
        daily_points.rule_id,
        max(rules.max_points) as max_points,
        sum(
            case
                when {{ in_window }}
                    then daily_points.matches
                else 0
            end
        ) as matches,
        -- each day's decayed points at the precision of every score, so that their sum is exact
        -- and the same in whatever order the engine adds them (exact_points)
        {{ exact_points(
            'sum(case when ' ~ in_window ~ ' then '
            ~ exact_points(
                'daily_points.points * ' ~ decay_weight(
                    'evaluation_days.evaluation_date', 'daily_points.activity_date',
                    'rules.half_life_days'
                )
            )
            ~ ' else 0 end)'
        ) }} as weighted_points
    from daily_points
    inner join evaluation_days
        on daily_points.scoring_day = evaluation_days.scoring_day
            and daily_points.contact_id = evaluation_days.contact_id
    inner join {{ ref('int_scoring__interest_rules') }} as rules
        on daily_points.rule_id = rules.rule_id
    group by
        daily_points.scoring_day,
        daily_points.contact_id,
        evaluation_days.evaluation_date,
        daily_points.rule_id
),

interest_rule_scores as (
    select
        scoring_day,
        contact_id,
        evaluation_date,
        rule_id,
        matches,
        -- every match has left the window: exactly nothing
        {{ exact_score('case when matches = 0 then 0 else weighted_points end') }} as uncapped_points,
        {{ exact_score(
            'case when matches = 0 then 0 else '
            ~ capped_points('weighted_points', exact_points('max_points'))
            ~ ' end'
        ) }} as points
    from interest_day_points
)
{%- endmacro %}
