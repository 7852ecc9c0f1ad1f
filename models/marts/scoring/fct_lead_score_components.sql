-- Why each contact has its scores: one row per contact and rule that gave points as of
-- as_of_date. Fit rows add up to the fit score before the 0-100 clamp; interest and inactivity
-- rows add up to the interest score before the floor at 0 and interest_max.
with fit_matches as (
    select * from {{ ref('int_fit_rule_matches') }}
    where scoring_day = 'as_of_date'
),

fit_rules as (
    select * from {{ ref('int_scoring__fit_rules') }}
),

interest_scores as (
    select * from {{ ref('int_interest_rule_scores_on_scoring_day') }}
    where scoring_day = 'as_of_date'
),

interest_rules as (
    select * from {{ ref('int_scoring__interest_rules') }}
),

daily as (
    select * from {{ ref('int_lead_scores_per_scoring_day') }}
    where scoring_day = 'as_of_date'
),

fit_components as (
    select
        fit_matches.contact_id,
        fit_matches.rule_id,
        'fit' as rule_kind,
        fit_matches.attribute as rule_subject,
        fit_rules.description as rule_description,
        1 as matches,
        fit_matches.points,
        fit_matches.is_disqualifying
    from fit_matches
    inner join fit_rules
        on fit_matches.rule_id = fit_rules.rule_id
),

interest_components as (
    select
        interest_scores.contact_id,
        interest_scores.rule_id,
        'interest' as rule_kind,
        interest_rules.activity as rule_subject,
        interest_rules.description as rule_description,
        interest_scores.matches,
        interest_scores.points,
        false as is_disqualifying
    from interest_scores
    inner join interest_rules
        on interest_scores.rule_id = interest_rules.rule_id
    where interest_scores.matches > 0
),

inactivity_components as (
    select
        contact_id,
        'inactivity' as rule_id,
        'inactivity' as rule_kind,
        'inactivity' as rule_subject,
        'No activity within inactivity_days (scoring_settings.csv)' as rule_description,
        1 as matches,
        inactivity_points as points,
        false as is_disqualifying
    from daily
    where inactivity_points != 0
),

components as (
    select * from fit_components
    union all
    select * from interest_components
    union all
    select * from inactivity_components
),

final as (
    select
        contact_id,
        rule_id,
        rule_kind,
        rule_subject,
        rule_description,
        -- a running sum of counts is numeric on PostgreSQL and hugeint on DuckDB: one type for BI
        cast(matches as {{ dbt.type_bigint() }}) as matches,
        points,
        is_disqualifying,
        {{ as_of_date() }} as as_of_date
    from components
)

select * from final
