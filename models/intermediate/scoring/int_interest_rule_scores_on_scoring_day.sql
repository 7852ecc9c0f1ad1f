-- Interest points per scoring day, contact and rule on the scoring day itself (as_of_date, or the
-- backtest day), for every contact with a rule matched on or before it: what the rules give a
-- contact that day (decay, windows and caps: macros/scoring/interest_rule_scores.sql, the sums
-- of int_interest_rule_scores_per_evaluation_day on one day per contact, without its running
-- totals). Rebuilt by every run: every contact's points decay each day.
with evaluation_days as (
    select
        scoring_day,
        contact_id,
        scoring_date as evaluation_date
    from {{ ref('int_contacts_enriched') }}
),

daily_points as (
    select
        scoring_day,
        contact_id,
        rule_id,
        activity_date,
        matches,
        points
    from {{ ref('int_interest_rule_points_per_activity_day') }}
),

{{ interest_rule_scores_on_one_day() }}

select * from interest_rule_scores
