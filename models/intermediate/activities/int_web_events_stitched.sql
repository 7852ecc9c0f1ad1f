{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_stitched_events() }}",
    on_schema_change='fail',
) }}

-- Every clean web event with the contact it belongs to and its traffic class:
-- `bot` (user agent matches a pattern of the seed bot_user_agents), `known` (scored) or
-- `anonymous` (never identified). An event with a contact_id belongs to that contact; otherwise
-- to the contact its anonymous_id was identified as, before and after the identification.
-- Incremental (macros/staging/incremental_events.sql): a run stitches the events of the raw
-- days stg_web__events classified again, and the events whose visitor's contact changed (every
-- event when the bot patterns changed); every other event keeps its row.
with events as (
    select events.*
    from {{ ref('stg_web__events') }} as events
    {% if is_incremental() %}
        where not exists (
                select 1
                from {{ this }} as built
                where built.event_id = events.event_id
            )
    {% endif %}
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

-- each distinct user agent is matched against the patterns once (there are far fewer user
-- agents than events), and the events join on their user agent
user_agents as (
    select distinct user_agent
    from events
    where user_agent is not null
),

bot_user_agents as (
    select distinct user_agents.user_agent
    from user_agents
    inner join bot_patterns
        on {{ dbt.position('bot_patterns.pattern', 'lower(user_agents.user_agent)') }} > 0
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
            when bot_user_agents.user_agent is not null then 'bot'
            when coalesce(events.contact_id, identities.contact_id) is null then 'anonymous'
            else 'known'
        end as traffic_class,
        -- incremental bookkeeping
        events.raw_day,
        events.partition_version as source_version,
        '{{ invocation_id }}' as partition_version,
        {{ relation_fingerprint(ref('int_scoring__bot_user_agents')) }} as bot_patterns_fingerprint
    from events
    left join identities
        on events.anonymous_id = identities.anonymous_id
    left join bot_user_agents
        on events.user_agent = bot_user_agents.user_agent
)

select * from stitched
