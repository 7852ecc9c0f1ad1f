{#- The stitched web events of one traffic class (int_web_events_stitched.traffic_class), with
    the columns the views of the unscored traffic show: int_web_events_anonymous and
    int_web_events_bots are this select for 'anonymous' and 'bot', so they keep the same columns. -#}
{% macro web_events_of_traffic_class(traffic_class) -%}
select
    event_id,
    anonymous_id,
    event_type,
    page_path,
    video_percent,
    user_agent,
    utm_source,
    utm_medium,
    utm_campaign,
    occurred_at,
    contact_id,
    contact_resolved_by,
    traffic_class
from {{ ref('int_web_events_stitched') }}
where traffic_class = '{{ traffic_class }}'
{%- endmacro %}
