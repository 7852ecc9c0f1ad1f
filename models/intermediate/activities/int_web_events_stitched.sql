-- Every clean web event with the contact it belongs to and its traffic class:
-- `bot` (user agent matches a pattern of the seed bot_user_agents), `known` (scored) or
-- `anonymous` (never identified). An event with a contact_id belongs to that contact; otherwise
-- to the contact its anonymous_id was identified as, before and after the identification.
with events as (
    select * from {{ ref('stg_web__events') }}
),

-- the activity stream is stitched as of as_of_date; other scoring days re-attribute its web
-- activities with their own identities (int_scoring_day_activities)
identities as (
    select * from {{ ref('int_web_identities_resolved') }}
    where scoring_date = {{ as_of_date() }}
),

bot_patterns as (
    select pattern from {{ ref('int_scoring__bot_user_agents') }}
),

bot_events as (
    select distinct events.event_id
    from events
    inner join bot_patterns
        on {{ dbt.position('bot_patterns.pattern', 'lower(events.user_agent)') }} > 0
),

stitched as (
    select
        events.event_id,
        events.anonymous_id,
        events.event_type,
        events.page_path,
        events.video_percent,
        events.user_agent,
        events.utm_source,
        events.utm_medium,
        events.utm_campaign,
        events.occurred_at,
        coalesce(events.contact_id, identities.contact_id) as contact_id,
        case
            when events.contact_id is not null then 'event'
            when identities.contact_id is not null then 'identity'
        end as contact_resolved_by,
        case
            when bot_events.event_id is not null then 'bot'
            when coalesce(events.contact_id, identities.contact_id) is null then 'anonymous'
            else 'known'
        end as traffic_class
    from events
    left join identities
        on events.anonymous_id = identities.anonymous_id
    left join bot_events
        on events.event_id = bot_events.event_id
)

select * from stitched
