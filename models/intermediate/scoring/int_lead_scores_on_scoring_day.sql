-- Scores and the computed lifecycle stage of every contact on the scoring day itself (as_of_date,
-- or the backtest day): one row per scoring day and contact that exists on it, the same
-- computation as int_lead_scores_per_evaluation_day (macros/scoring/lead_scores.sql) on that one
-- day. Rebuilt by every run: every contact's interest decays each day.
with evaluation_days as (
    select
        scoring_day,
        contact_id,
        scoring_date as evaluation_date
    from {{ ref('int_contacts_enriched') }}
),

contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

fit as (
    select * from {{ ref('int_contact_fit_scores') }}
),

rule_scores as (
    select * from {{ ref('int_interest_rule_scores_on_scoring_day') }}
),

activity_days as (
    select * from {{ ref('int_contact_activity_days') }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

{{ lead_scores_on_days() }}

select * from lead_scores
