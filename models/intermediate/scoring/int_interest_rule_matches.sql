{{ config(materialized='view') }}

-- Interest rules matched by each activity of the stream: one row per activity and
-- matching rule (one activity may match several rules; each counts), as
-- macros/scoring/interest_rule_matches.sql matches them. A view: the score models match the
-- activities of the contacts they compute themselves, with the same macro.
with activities_to_match as (
    select
        activity_id,
        activity,
        detail,
        detail_number
    from {{ ref('int_activities') }}
),

{{ interest_rule_matches() }}

select * from matched_interest_rules
