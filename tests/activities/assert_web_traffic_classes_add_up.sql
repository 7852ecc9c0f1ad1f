-- Nothing of the web traffic is lost (SPEC §2, §7): clean web events (stg_web__events) =
-- known + anonymous + bot events, the anonymous and bot models hold exactly their class, and every
-- known event is one activity. Returns one row naming each count that does not add up.
with counts as (
    select
        (select count(*) from {{ ref('stg_web__events') }}) as clean_events,
        (select count(*) from {{ ref('int_web_events_stitched') }}) as stitched_events,
        (
            select count(*) from {{ ref('int_web_events_stitched') }}
            where traffic_class = 'known'
        ) as known_events,
        (
            select count(*) from {{ ref('int_web_events_stitched') }}
            where traffic_class = 'anonymous'
        ) as anonymous_events,
        (
            select count(*) from {{ ref('int_web_events_stitched') }}
            where traffic_class = 'bot'
        ) as bot_events,
        (select count(*) from {{ ref('int_web_events_anonymous') }}) as anonymous_model_events,
        (select count(*) from {{ ref('int_web_events_bots') }}) as bot_model_events,
        (
            select count(*) from {{ ref('int_activities') }}
            where source_table = 'web_events'
        ) as web_activities
),

checks as (
    select 'clean events != known + anonymous + bot' as problem, counts.*
    from counts
    where clean_events != known_events + anonymous_events + bot_events
    union all
    select 'stitched events != clean events' as problem, counts.*
    from counts
    where stitched_events != clean_events
    union all
    select 'int_web_events_anonymous != anonymous events' as problem, counts.*
    from counts
    where anonymous_model_events != anonymous_events
    union all
    select 'int_web_events_bots != bot events' as problem, counts.*
    from counts
    where bot_model_events != bot_events
    union all
    select 'web activities != known events' as problem, counts.*
    from counts
    where web_activities != known_events
)

select * from checks
