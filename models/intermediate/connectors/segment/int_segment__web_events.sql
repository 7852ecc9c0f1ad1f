{{ config(enabled=lead_scoring_source('web') == 'segment') }}
{%- set identity = var('segment_identity', 'email') %}

-- web_events (SPEC §1) from Segment (SPEC §1b.5), as text: page calls are page views; the track
-- events Link Clicked (on the page it was on [D22]), Video Content Playing (percent = position /
-- total length, to 6 decimals; null without a length) and File Downloaded (the file's URL [D23])
-- are link clicks, video progress and downloads. The contact is the CRM contact of the event's
-- user_id (int_segment__user_contacts), null while anonymous; utm from the context campaign;
-- occurred_at is Segment's `timestamp`.
with user_contacts as (
    select * from {{ ref('int_segment__user_contacts') }}
),

events as (
    select
        event_id,
        anonymous_id,
        user_id,
        'page_view' as event_type,
        page_url,
        cast(null as {{ scoring_type_double() }}) as video_percent,
        user_agent,
        utm_source,
        utm_medium,
        utm_campaign,
        occurred_at
    from {{ ref('stg_segment__pages') }}
    union all
    select
        event_id,
        anonymous_id,
        user_id,
        'link_click' as event_type,
        page_url,
        cast(null as {{ scoring_type_double() }}) as video_percent,
        user_agent,
        utm_source,
        utm_medium,
        utm_campaign,
        occurred_at
    from {{ ref('stg_segment__link_clicks') }}
    union all
    select
        event_id,
        anonymous_id,
        user_id,
        'video_progress' as event_type,
        page_url,
        case
            -- to 6 decimals: a decimal(28, 6) rounds on every engine (PostgreSQL has no round of a double)
            when total_length_seconds != 0
                then cast(
                        cast(100 * position_seconds / total_length_seconds as {{ dbt.type_numeric() }})
                        as {{ scoring_type_double() }}
                    )
        end as video_percent,
        user_agent,
        utm_source,
        utm_medium,
        utm_campaign,
        occurred_at
    from {{ ref('stg_segment__video_content_playing') }}
    union all
    select
        event_id,
        anonymous_id,
        user_id,
        'file_download' as event_type,
        file_url as page_url,
        cast(null as {{ scoring_type_double() }}) as video_percent,
        user_agent,
        utm_source,
        utm_medium,
        utm_campaign,
        occurred_at
    from {{ ref('stg_segment__file_downloads') }}
),

mapped as (
    select
        events.event_id,
        events.anonymous_id,
        {%- if identity == 'user_id' %}
        events.user_id as contact_id,
        {%- else %}
            user_contacts.contact_id,
        {%- endif %}
        events.event_type,
        events.page_url,
        {{ number_as_text('events.video_percent') }} as video_percent,
        events.user_agent,
        events.utm_source,
        events.utm_medium,
        events.utm_campaign,
        {{ timestamp_text('events.occurred_at') }} as occurred_at
    from events
    left join user_contacts
        on events.user_id = user_contacts.user_id
)

select * from mapped
