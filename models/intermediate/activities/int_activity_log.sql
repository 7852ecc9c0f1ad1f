{{ config(
    materialized='incremental',
    incremental_strategy=activity_days_strategy(),
    unique_key='activity_date',
    partition_by=['activity_date'],
    on_schema_change='fail',
) }}

-- The stored activity stream (SPEC §2), incremental by activity day; int_activities is its
-- reading. One row per activity of a known contact as of as_of_date, from every engagement
-- source, with the raw row it came from (source_table, source_row_id) and how its contact was
-- found (contact_resolved_by: the row's own contact_id, the anonymous visitor's identity, or the
-- form's e-mail), so that another scoring day can re-attribute it (int_scoring_day_activities).
-- `detail` is the text the interest rules match; detail_number is its numeric reading.
--
-- A run rebuilds every day from `activity_lookback_days` before the latest day already built,
-- and every other day whose activities differ from the ones built: a visitor identified since, a
-- contact that arrived late in the CRM, a corrected raw row, or an as_of_date moved back (the
-- days after it lose their activities). Whole days are replaced; a day left without any activity
-- is replaced by one placeholder row (activity_id null) that int_activities leaves out, since an
-- incremental run can only replace the days it writes. So any as_of_date, forward or back, gives
-- the rows of a full refresh without `--full-refresh`.
-- known web events, with how the stream names the way their contact was found (the event's own
-- contact_id, or the visitor's identity), once for both web activities below
with web as (
    select
        stitched.*,
        case stitched.contact_resolved_by
            when 'event' then 'contact_id'
            else stitched.contact_resolved_by
        end as activity_resolved_by
    from {{ ref('int_web_events_stitched') }} as stitched
    where stitched.traffic_class = 'known'
),

forms as (
    select * from {{ ref('stg_forms__submissions') }}
),

event_attendance as (
    select * from {{ ref('stg_events__event_attendance') }}
),

email_events as (
    select * from {{ ref('stg_email__events') }}
    where event_type != 'sent'
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
        occurred_at
    from web
),

-- the channel a scored web event came by (SPEC §2): beside the event's own activity, one
-- campaign_click per event that carries a utm_medium, detail `<utm_medium>/<utm_source>`
-- (each lower-case and trimmed; `cpc/` when the source is empty)
campaign_click_activities as (
    select
        'web_events' as source_table,
        event_id as source_row_id,
        contact_id,
        anonymous_id,
        activity_resolved_by as contact_resolved_by,
        'campaign_click' as activity,
        {{ dbt.concat([
            "lower(" ~ clean_text('utm_medium') ~ ")",
            "'/'",
            "coalesce(lower(" ~ clean_text('utm_source') ~ "), '')",
        ]) }} as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        occurred_at
    from web
    where {{ clean_text('utm_medium') }} is not null
),

form_activities as (
    select
        'form_submissions' as source_table,
        submission_id as source_row_id,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        case when submitted_contact_id is null then 'email' else 'contact_id' end
            as contact_resolved_by,
        form_type as activity,
        case
            when form_type = 'content_download' then lower(asset_name)
            when form_type = 'event_registration' then 'unknown'
            else page_path
        end as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        submitted_at as occurred_at
    from forms
),

registration_activities as (
    select
        'event_attendance' as source_table,
        registration_id as source_row_id,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        'contact_id' as contact_resolved_by,
        'event_registration' as activity,
        event_type as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        registered_at as occurred_at
    from event_attendance
),

attendance_activities as (
    select
        'event_attendance' as source_table,
        registration_id as source_row_id,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        'contact_id' as contact_resolved_by,
        'event_attendance' as activity,
        event_type as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        cast(event_date as {{ dbt.type_timestamp() }}) as occurred_at
    from event_attendance
    where is_attended
),

email_activities as (
    select
        'email_events' as source_table,
        email_events.event_id as source_row_id,
        email_events.contact_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        'contact_id' as contact_resolved_by,
        {{ dbt.concat(["'email_'", "email_events.event_type"]) }} as activity,
        campaigns.campaign_type as detail,
        cast(null as {{ scoring_type_double() }}) as detail_number,
        email_events.occurred_at
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
        contact_resolved_by
    from unioned
    where cast(occurred_at as date) <= {{ as_of_date() }}
),

{% if is_incremental() %}
    watermark as (
        select
            {{ dbt.dateadd('day', -1 * var('activity_lookback_days', 3), 'max(activity_date)') }}
                as rebuild_from
        from {{ this }}
        where activity_id is not null
    ),

    built as (
        select
            activity_id,
            contact_id,
            activity,
            detail,
            detail_number,
            occurred_at,
            activity_date,
            source_table,
            source_row_id,
            anonymous_id,
            contact_resolved_by
        from {{ this }}
        where activity_id is not null
    ),

    -- rows that are new or changed, and rows that are gone, compared with what was built
    changed_rows as (
        select * from activities
        except
        select * from built
    ),

    removed_rows as (
        select * from built
        except
        select * from activities
    ),

    rebuilt_days as (
        select activities.activity_date
        from activities
        cross join watermark
        where activities.activity_date >= watermark.rebuild_from
        union
        select activity_date from changed_rows
        union
        select activity_date from removed_rows
    ),

    -- a rebuilt day without any activity left: one placeholder row replaces what was built
    emptied_days as (
        select activity_date from removed_rows
        except
        select activity_date from activities
    ),

    placeholders as (
        select
            cast(null as {{ dbt.type_string() }}) as activity_id,
            cast(null as {{ dbt.type_string() }}) as contact_id,
            cast(null as {{ dbt.type_string() }}) as activity,
            cast(null as {{ dbt.type_string() }}) as detail,
            cast(null as {{ scoring_type_double() }}) as detail_number,
            cast(null as {{ dbt.type_timestamp() }}) as occurred_at,
            activity_date,
            cast(null as {{ dbt.type_string() }}) as source_table,
            cast(null as {{ dbt.type_string() }}) as source_row_id,
            cast(null as {{ dbt.type_string() }}) as anonymous_id,
            cast(null as {{ dbt.type_string() }}) as contact_resolved_by
        from emptied_days
    ),

{% endif %}

final as (
    select * from activities
    {% if is_incremental() %}
        where activities.activity_date in (select rebuilt_days.activity_date from rebuilt_days)
        union all
        select * from placeholders
    {% endif %}
)

select * from final
