{#- Scores and the computed lifecycle stage of contacts on given evaluation days, the one place
    they are combined: fit and grade use the CRM records as they stand on the scoring day;
    interest, deals and conversions use what happened up to the end of each evaluation day. What
    accumulates over the days (last engagement, conversions) is a running aggregate over the
    contact's activity days, read on each evaluation day (running_totals_on_days). It emits the
    CTEs `lead_interest_rule_totals`, `lead_activity_changes`, `lead_running_activity`,
    `lead_activity_to_date`, `lead_interest`, `lead_scored`, `lead_with_score`, `lead_staged` and
    `lead_scores` (the result: one row per evaluation day, see int_lead_scores_per_evaluation_day),
    to be placed in a `with` chain after six CTEs, every one keyed on scoring_day and contact_id:

    - `evaluation_days`: scoring_day, contact_id, evaluation_date (unique), the days to score;
    - `contacts`: the rows of int_contacts_enriched of those contacts;
    - `fit`: the rows of int_contact_fit_scores of those contacts;
    - `rule_scores`: interest points per rule on those days (scoring_day, contact_id,
      evaluation_date, rule_id, points);
    - `activity_days`: the rows of int_contact_activity_days of those contacts;
    - `deals`: the rows of int_contact_deal_dates (of those contacts, or all).

    Rendered by int_lead_scores_per_evaluation_day (the evaluation days before the scoring day)
    and int_lead_scores_on_scoring_day (the scoring day). -#}
{% macro lead_scores_on_days() -%}
lead_interest_rule_totals as (
    select
        scoring_day,
        contact_id,
        evaluation_date,
        -- the rules' points added exactly (exact_points), in whatever order
        {{ exact_points('sum(' ~ exact_points('points') ~ ')') }} as interest_rule_points
    from rule_scores
    group by scoring_day, contact_id, evaluation_date
),

-- what a contact's activity days add up to by each of its evaluation days
lead_activity_changes as (
    select
        scoring_day,
        contact_id,
        activity_date,
        case when has_engagement = 1 then activity_date end as engagement_date,
        newsletter_signups,
        other_conversions
    from activity_days
),

lead_running_activity as (
    {{ running_totals_on_days(
        'lead_activity_changes', 'evaluation_days', ['scoring_day', 'contact_id'], 'activity_date',
        'evaluation_date',
        [
            {'name': 'last_engagement_date', 'aggregate': 'max', 'column': 'engagement_date'},
            {'name': 'newsletter_signups_to_date', 'aggregate': 'sum', 'column': 'newsletter_signups'},
            {'name': 'other_conversions_to_date', 'aggregate': 'sum', 'column': 'other_conversions'},
        ]) }}
),

lead_activity_to_date as (
    select
        scoring_day,
        contact_id,
        evaluation_date,
        last_engagement_date,
        coalesce(newsletter_signups_to_date, 0) as newsletter_signups,
        coalesce(other_conversions_to_date, 0) as other_conversions
    from lead_running_activity
),

lead_interest as (
    select
        lead_activity_to_date.scoring_day,
        lead_activity_to_date.contact_id,
        lead_activity_to_date.evaluation_date,
        lead_activity_to_date.last_engagement_date,
        lead_activity_to_date.newsletter_signups,
        lead_activity_to_date.other_conversions,
        {{ exact_points('coalesce(lead_interest_rule_totals.interest_rule_points, 0)') }}
            as interest_rule_points,
        case
            when lead_activity_to_date.last_engagement_date is null
                or {{ dbt.datediff(
                    'lead_activity_to_date.last_engagement_date',
                    'lead_activity_to_date.evaluation_date', 'day') }} >= settings.inactivity_days
                then {{ exact_points('settings.inactivity_points') }}
            else {{ exact_points('0') }}
        end as inactivity_points
    from lead_activity_to_date
    cross join {{ ref('int_scoring__settings') }} as settings
    left join lead_interest_rule_totals
        on lead_activity_to_date.scoring_day = lead_interest_rule_totals.scoring_day
            and lead_activity_to_date.contact_id = lead_interest_rule_totals.contact_id
            and lead_activity_to_date.evaluation_date = lead_interest_rule_totals.evaluation_date
),

lead_scored as (
    select
        lead_interest.scoring_day,
        lead_interest.contact_id,
        lead_interest.evaluation_date,
        fit.fit_score,
        fit.grade,
        fit.is_disqualified,
        fit.meets_mql_min_grade,
        {{ exact_score('lead_interest.interest_rule_points') }} as interest_rule_points,
        {{ exact_score('lead_interest.inactivity_points') }} as inactivity_points,
        lead_interest.last_engagement_date,
        lead_interest.newsletter_signups,
        lead_interest.other_conversions,
        {%- set interest_total = exact_points(
            'lead_interest.interest_rule_points + lead_interest.inactivity_points'
        ) %}
        {{ exact_score(
            'case when settings.interest_max is not null then least('
            ~ exact_points('settings.interest_max') ~ ', greatest(0, ' ~ interest_total ~ '))'
            ~ ' else greatest(0, ' ~ interest_total ~ ') end'
        ) }} as interest_score
    from lead_interest
    inner join fit
        on lead_interest.scoring_day = fit.scoring_day
            and lead_interest.contact_id = fit.contact_id
    cross join {{ ref('int_scoring__settings') }} as settings
),

lead_with_score as (
    select
        lead_scored.*,
        -- each weighted score at the precision of every score, added exactly (exact_points)
        {{ exact_score(
            exact_points('settings.fit_weight * lead_scored.fit_score')
            ~ ' + ' ~ exact_points('settings.interest_weight * lead_scored.interest_score')
        ) }} as lead_score
    from lead_scored
    cross join {{ ref('int_scoring__settings') }} as settings
),

lead_staged as (
    select
        lead_with_score.*,
        case
            when deals.first_deal_won_date <= lead_with_score.evaluation_date then 'customer'
            when deals.first_deal_created_date <= lead_with_score.evaluation_date then 'opportunity'
            when (
                contacts.lifecycle_stage_override = 'sql'
                and cast(contacts.lifecycle_stage_override_at as date) <= lead_with_score.evaluation_date
            )
            or (
                lead_with_score.lead_score >= settings.sql_threshold
                and lead_with_score.meets_mql_min_grade
            ) then 'sql'
            when lead_with_score.lead_score >= settings.mql_threshold
                and lead_with_score.meets_mql_min_grade then 'mql'
            when lead_with_score.newsletter_signups > 0
                and lead_with_score.other_conversions = 0 then 'subscriber'
            else 'lead'
        end as computed_stage
    from lead_with_score
    inner join contacts
        on lead_with_score.scoring_day = contacts.scoring_day
            and lead_with_score.contact_id = contacts.contact_id
    left join deals
        on lead_with_score.scoring_day = deals.scoring_day
            and lead_with_score.contact_id = deals.contact_id
    cross join {{ ref('int_scoring__settings') }} as settings
),

lead_scores as (
    select
        lead_staged.*,
        {{ lifecycle_stage_rank('computed_stage') }} as computed_stage_rank
    from lead_staged
)
{%- endmacro %}
