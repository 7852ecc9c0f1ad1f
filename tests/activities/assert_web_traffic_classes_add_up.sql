-- Nothing of the web traffic is lost: clean web events (stg_web__events) =
-- known + anonymous + bot events, the anonymous and bot models hold exactly their class, every
-- known event is one activity of its own, and every known event with a utm_medium is one
-- campaign_click besides. Returns one row naming each count that does not add up.
-- (One-row counts joined together rather than scalar subqueries, which Spark 4 fails to plan
-- next to `counts.*` in a union.)
with clean_counts as (
    select count(*) as clean_events from {{ ref('stg_web__events') }}
),

stitched_counts as (
    select
        count(*) as stitched_events,
        count(case when traffic_class = 'known' then 1 end) as known_events,
        count(case when traffic_class = 'anonymous' then 1 end) as anonymous_events,
        count(case when traffic_class = 'bot' then 1 end) as bot_events,
        count(
            case when traffic_class = 'known' and {{ clean_text('utm_medium') }} is not null then 1 end
        ) as known_campaign_events
    from {{ ref('int_web_events_stitched') }}
),

anonymous_model_counts as (
    select count(*) as anonymous_model_events from {{ ref('int_web_events_anonymous') }}
),

bot_model_counts as (
    select count(*) as bot_model_events from {{ ref('int_web_events_bots') }}
),

activity_counts as (
    select
        count(case when activity != 'campaign_click' then 1 end) as web_activities,
        count(case when activity = 'campaign_click' then 1 end) as campaign_click_activities
    from {{ ref('int_activities') }}
    where source_table = 'web_events'
),

counts as (
    select
        clean_counts.clean_events,
        stitched_counts.stitched_events,
        stitched_counts.known_events,
        stitched_counts.anonymous_events,
        stitched_counts.bot_events,
        stitched_counts.known_campaign_events,
        anonymous_model_counts.anonymous_model_events,
        bot_model_counts.bot_model_events,
        activity_counts.web_activities,
        activity_counts.campaign_click_activities
    from clean_counts
    cross join stitched_counts
    cross join anonymous_model_counts
    cross join bot_model_counts
    cross join activity_counts
),

checks as (
    select
        'clean events != known + anonymous + bot' as problem,
        counts.*
    from counts
    where clean_events != known_events + anonymous_events + bot_events
    union all
    select
        'stitched events != clean events' as problem,
        counts.*
    from counts
    where stitched_events != clean_events
    union all
    select
        'int_web_events_anonymous != anonymous events' as problem,
        counts.*
    from counts
    where anonymous_model_events != anonymous_events
    union all
    select
        'int_web_events_bots != bot events' as problem,
        counts.*
    from counts
    where bot_model_events != bot_events
    union all
    select
        'web activities != known events' as problem,
        counts.*
    from counts
    where web_activities != known_events
    union all
    select
        'campaign_click activities != known events with a utm_medium' as problem,
        counts.*
    from counts
    where campaign_click_activities != known_campaign_events
)

select * from checks
