-- Scores and the computed lifecycle stage of every contact on each of its evaluation days, per
-- scoring day. Fit and grade use the CRM records as they stand on the scoring day;
-- interest, deals and conversions use what happened up to the end of each evaluation day. What
-- accumulates over the days (last engagement, conversions) is a running aggregate over the
-- contact's activity days, read on each evaluation day (running_totals_on_days): one pass over
-- the days, never every evaluation day paired with every earlier activity day.
with evaluation_days as (
    select * from {{ ref('int_contact_evaluation_days') }}
),

contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

fit as (
    select * from {{ ref('int_contact_fit_scores') }}
),

rule_scores as (
    select * from {{ ref('int_interest_rule_scores_per_evaluation_day') }}
),

activity_days as (
    select * from {{ ref('int_contact_activity_days') }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

settings as (
    select * from {{ ref('int_scoring__settings') }}
),

interest_rule_totals as (
    select
        scoring_date,
        contact_id,
        evaluation_date,
        sum(points) as interest_rule_points
    from rule_scores
    group by scoring_date, contact_id, evaluation_date
),

-- what a contact's activity days add up to by each of its evaluation days
activity_changes as (
    select
        scoring_date,
        contact_id,
        activity_date,
        case when has_engagement = 1 then activity_date end as engagement_date,
        newsletter_signups,
        other_conversions
    from activity_days
),

running_activity as (
    {{ running_totals_on_days(
        'activity_changes', 'evaluation_days', ['scoring_date', 'contact_id'], 'activity_date',
        'evaluation_date',
        [
            {'name': 'last_engagement_date', 'aggregate': 'max', 'column': 'engagement_date'},
            {'name': 'newsletter_signups_to_date', 'aggregate': 'sum', 'column': 'newsletter_signups'},
            {'name': 'other_conversions_to_date', 'aggregate': 'sum', 'column': 'other_conversions'},
        ]) }}
),

activity_to_date as (
    select
        scoring_date,
        contact_id,
        evaluation_date,
        last_engagement_date,
        coalesce(newsletter_signups_to_date, 0) as newsletter_signups,
        coalesce(other_conversions_to_date, 0) as other_conversions
    from running_activity
),

interest as (
    select
        activity_to_date.scoring_date,
        activity_to_date.contact_id,
        activity_to_date.evaluation_date,
        activity_to_date.last_engagement_date,
        activity_to_date.newsletter_signups,
        activity_to_date.other_conversions,
        coalesce(interest_rule_totals.interest_rule_points, 0) as interest_rule_points,
        case
            when activity_to_date.last_engagement_date is null
                or {{ dbt.datediff(
                    'activity_to_date.last_engagement_date',
                    'activity_to_date.evaluation_date', 'day') }} >= settings.inactivity_days
                then settings.inactivity_points
            else 0
        end as inactivity_points
    from activity_to_date
    cross join settings
    left join interest_rule_totals
        on activity_to_date.scoring_date = interest_rule_totals.scoring_date
            and activity_to_date.contact_id = interest_rule_totals.contact_id
            and activity_to_date.evaluation_date = interest_rule_totals.evaluation_date
),

scored as (
    select
        interest.scoring_date,
        interest.contact_id,
        interest.evaluation_date,
        fit.fit_score,
        fit.grade,
        fit.is_disqualified,
        fit.meets_mql_min_grade,
        interest.interest_rule_points,
        interest.inactivity_points,
        interest.last_engagement_date,
        interest.newsletter_signups,
        interest.other_conversions,
        case
            when settings.interest_max is not null
                then least(
                        settings.interest_max,
                        greatest(0, interest.interest_rule_points + interest.inactivity_points)
                    )
            else greatest(0, interest.interest_rule_points + interest.inactivity_points)
        end as interest_score
    from interest
    inner join fit
        on interest.scoring_date = fit.scoring_date
            and interest.contact_id = fit.contact_id
    cross join settings
),

with_lead_score as (
    select
        scored.*,
        settings.fit_weight * scored.fit_score
        + settings.interest_weight * scored.interest_score as lead_score
    from scored
    cross join settings
),

staged as (
    select
        with_lead_score.*,
        case
            when deals.first_deal_won_date <= with_lead_score.evaluation_date then 'customer'
            when deals.first_deal_created_date <= with_lead_score.evaluation_date then 'opportunity'
            when (
                contacts.lifecycle_stage_override = 'sql'
                and cast(contacts.lifecycle_stage_override_at as date) <= with_lead_score.evaluation_date
            )
            or (
                with_lead_score.lead_score >= settings.sql_threshold
                and with_lead_score.meets_mql_min_grade
            ) then 'sql'
            when with_lead_score.lead_score >= settings.mql_threshold
                and with_lead_score.meets_mql_min_grade then 'mql'
            when with_lead_score.newsletter_signups > 0
                and with_lead_score.other_conversions = 0 then 'subscriber'
            else 'lead'
        end as computed_stage
    from with_lead_score
    inner join contacts
        on with_lead_score.scoring_date = contacts.scoring_date
            and with_lead_score.contact_id = contacts.contact_id
    left join deals
        on with_lead_score.scoring_date = deals.scoring_date
            and with_lead_score.contact_id = deals.contact_id
    cross join settings
),

final as (
    select
        staged.*,
        {{ lifecycle_stage_rank('computed_stage') }} as computed_stage_rank
    from staged
)

select * from final
