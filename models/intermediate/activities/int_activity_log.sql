{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    pre_hook="{{ delete_changed_activities() }}",
    on_schema_change='fail',
) }}

-- The stored activity stream; int_activities is its reading. One row per activity of a known
-- contact as of as_of_date, from every engagement source, with the raw row it came from
-- (source_table, source_row_id) and how its contact was found (contact_resolved_by: the row's own
-- contact_id, the anonymous visitor's identity, or the form's e-mail, kept in email_normalized),
-- so that every scoring day can attribute it by what exists that day (int_scoring_day_activities).
-- `detail` is the text the interest rules match; detail_number is its numeric reading.
--
-- Incremental (macros/staging/incremental_events.sql): a run builds the activities of the web
-- events stitched again, and of the other sources' raw days classified again (every e-mail day
-- when the campaigns changed, the event days whose attendance moved across as_of_date); every
-- other activity keeps its row.
with rebuilt_days as (
    select
        source_days.source_table,
        source_days.raw_day
    from ({{ activity_source_days() }}) as source_days
    {% if is_incremental() %}
        where not exists (
                select 1
                from {{ this }} as built
                where built.source_table = source_days.source_table
                    and built.raw_day = source_days.raw_day
            )
    {% endif %}
),

-- known web events, with how the stream names the way their contact was found (the event's own
-- contact_id, or the visitor's identity), once for both web activities below
web as (
    select
        stitched.*,
        case stitched.contact_resolved_by
            when 'event' then 'contact_id'
            else stitched.contact_resolved_by
        end as activity_resolved_by
    from {{ ref('int_web_events_stitched') }} as stitched
    where stitched.traffic_class = 'known'
    {% if is_incremental() %}
        and not exists (
            select 1
            from {{ this }} as built
            where built.source_table = 'web_events'
                and built.source_row_id = stitched.event_id
        )
    {% endif %}
),

forms as (
    select forms.*
    from {{ ref('stg_forms__submissions') }} as forms
    inner join rebuilt_days
        on rebuilt_days.source_table = 'form_submissions'
            and forms.raw_day = rebuilt_days.raw_day
),

event_attendance as (
    select event_attendance.*
    from {{ ref('stg_events__event_attendance') }} as event_attendance
    inner join rebuilt_days
        on rebuilt_days.source_table = 'event_attendance'
            and event_attendance.raw_day = rebuilt_days.raw_day
),

email_events as (
    select email_events.*
    from {{ ref('stg_email__events') }} as email_events
    inner join rebuilt_days
        on rebuilt_days.source_table = 'email_events'
            and email_events.raw_day = rebuilt_days.raw_day
    where email_events.event_type != 'sent'
),

campaigns as (
    select * from {{ ref('stg_email__campaigns') }}
),

web_activities as (
    select
        'web_events' as source_table,
        event_id as source_row_id,
        contact_id,
        anonymous_id,
        cast(null as {{ dbt.type_string() }}) as email_normalized,
        activity_resolved_by as contact_resolved_by,
        case event_type
            when 'page_view' then 'page_view'
            when 'link_click' then 'link_click'
            when 'video_progress' then 'video_view'
            when 'file_download' then 'content_download'
        end as activity,
        case
            when event_type = 'video_progress'
                then {{ number_as_text('video_percent') }}
            when event_type = 'file_download' then {{ path_file_name('page_path') }}
            else page_path
        end as detail,
        case when event_type = 'video_progress' then video_percent end as detail_number,
        occurred_at,
        raw_day,
        partition_version as source_version
    from web
),

-- the channel a scored web event came by: beside the event's own activity, one
-- campaign_click per event that carries a utm_medium, detail `<utm_medium>/<utm_source>`
-- (each lower-case and trimmed; `cpc/` when the source is empty)
campaign_click_activities as (
    select
        'web_events' as source_table,
        event_id as source_row_id,
        contact_id,
        anonymous_id,
        cast(null as {{ dbt.type_string() }}) as email_normalized,
        activity_resolved_by as contact_resolved_by,
        'campaign_click' as activity,
        {{ dbt.concat([
            "lower(" ~ clean_text('utm_medium') ~ ")",
            "'/'",
            "coalesce(lower(" ~ clean_text('utm_source') ~ "), '')",
        ]) }} as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        occurred_at,
        raw_day,
        partition_version as source_version
    from web
    where {{ clean_text('utm_medium') }} is not null
),

form_activities as (
    select
        'form_submissions' as source_table,
        submission_id as source_row_id,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        case when submitted_contact_id is null then lower(email) end as email_normalized,
        case when submitted_contact_id is null then 'email' else 'contact_id' end
            as contact_resolved_by,
        form_type as activity,
        case
            when form_type = 'content_download' then lower(asset_name)
            when form_type = 'event_registration' then 'unknown'
            else page_path
        end as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        submitted_at as occurred_at,
        raw_day,
        partition_version as source_version
    from forms
),

registration_activities as (
    select
        'event_attendance' as source_table,
        registration_id as source_row_id,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as email_normalized,
        'contact_id' as contact_resolved_by,
        'event_registration' as activity,
        event_type as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        registered_at as occurred_at,
        raw_day,
        partition_version as source_version
    from event_attendance
),

attendance_activities as (
    select
        'event_attendance' as source_table,
        registration_id as source_row_id,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as email_normalized,
        'contact_id' as contact_resolved_by,
        'event_attendance' as activity,
        event_type as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        cast(event_date as {{ dbt.type_timestamp() }}) as occurred_at,
        raw_day,
        partition_version as source_version
    from event_attendance
    where is_attended
),

email_activities as (
    select
        'email_events' as source_table,
        email_events.event_id as source_row_id,
        email_events.contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as email_normalized,
        'contact_id' as contact_resolved_by,
        {{ dbt.concat(["'email_'", "email_events.event_type"]) }} as activity,
        campaigns.campaign_type as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        email_events.occurred_at,
        email_events.raw_day,
        email_events.partition_version as source_version
    from email_events
    left join campaigns
        on email_events.campaign_id = campaigns.campaign_id
),

unioned as (
    select * from web_activities
    union all
    select * from campaign_click_activities
    union all
    select * from form_activities
    union all
    select * from registration_activities
    union all
    select * from attendance_activities
    union all
    select * from email_activities
),

activities as (
    select
        {{ dbt.concat(["source_table", "':'", "activity", "':'", "source_row_id"]) }} as activity_id,
        contact_id,
        activity,
        detail,
        detail_number,
        occurred_at,
        cast(occurred_at as date) as activity_date,
        source_table,
        source_row_id,
        anonymous_id,
        email_normalized,
        contact_resolved_by,
        -- incremental bookkeeping
        raw_day,
        source_version,
        '{{ invocation_id }}' as partition_version,
        case
            when source_table = 'email_events'
                then {{ relation_fingerprint(ref('stg_email__campaigns')) }}
        end as campaigns_fingerprint,
        {{ as_of_date() }} as as_of_day
    from unioned
    where cast(occurred_at as date) <= {{ as_of_date() }}
)

select * from activities
