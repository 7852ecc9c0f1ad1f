{{ config(enabled=lead_scoring_source('email') == 'hubspot') }}

-- email_events (SPEC §1) from HubSpot (SPEC §1b.3), as text: the marketing e-mail events of a §1
-- type, and the replies.
--   * email_event: SENT, OPEN, CLICK (with its URL), BOUNCE; STATUSCHANGE to UNSUBSCRIBED and
--     SPAMREPORT are unsubscribes [D11]; other types (DELIVERED, PROCESSED, DROPPED, ...) are no
--     §1 rows. The contact is the CRM contact (whichever area crm reads from) whose e-mail as of
--     as_of_date equals the recipient, case-insensitive and trimmed; several: the smallest
--     contact_id [D10]. No such contact: contact_id null (staging quarantines the row).
--   * replies [D12]: engagements of type INCOMING_EMAIL (var hubspot_engagement_enabled), one row
--     per engagement contact, at the e-mail's hs_timestamp, else the engagement's timestamp; no
--     campaign. The contact: with crm from HubSpot the engagement's contact (after merges); with
--     another CRM the CRM contact with the HubSpot contact's e-mail, as for the events above.
{%- set crm_is_hubspot = lead_scoring_source('crm') == 'hubspot' %}
with email_events as (
    select * from {{ ref('stg_hubspot__email_events') }}
),

clicks as (
    select
        event_id,
        min(url) as url
    from {{ ref('stg_hubspot__email_event_clicks') }}
    group by event_id
),

status_changes as (
    select
        event_id,
        max(case when upper(portal_subscription_status) = 'UNSUBSCRIBED' then 1 else 0 end) as is_unsubscribe
    from {{ ref('stg_hubspot__email_event_status_changes') }}
    group by event_id
),

crm_contacts as (
    -- the contacts as of as_of_date, whatever the crm area reads from
    select
        lower(trim(email)) as email_key,
        min(contact_id) as contact_id
    from {{ ref('stg_crm__contacts') }}
    where email is not null
    group by lower(trim(email))
),

typed_events as (
    select
        email_events.event_id,
        email_events.campaign_id,
        email_events.recipient,
        case upper(email_events.event_type)
            when 'SENT' then 'sent'
            when 'OPEN' then 'open'
            when 'CLICK' then 'click'
            when 'BOUNCE' then 'bounce'
            when 'SPAMREPORT' then 'unsubscribe'
            when 'STATUSCHANGE' then case when status_changes.is_unsubscribe = 1 then 'unsubscribe' end
        end as event_type,
        case when upper(email_events.event_type) = 'CLICK' then clicks.url end as url,
        email_events.occurred_at
    from email_events
    left join clicks
        on email_events.event_id = clicks.event_id
    left join status_changes
        on email_events.event_id = status_changes.event_id
),

marketing_events as (
    select
        typed_events.event_id,
        crm_contacts.contact_id,
        typed_events.campaign_id,
        typed_events.event_type,
        typed_events.url,
        {{ timestamp_text('typed_events.occurred_at') }} as occurred_at
    from typed_events
    left join crm_contacts
        on lower(trim(typed_events.recipient)) = crm_contacts.email_key
    where typed_events.event_type is not null
),

replies as (
    {%- if connector_var_enabled('hubspot_engagement_enabled') %}
        select
            engagements.engagement_id as event_id,
            {%- if crm_is_hubspot %}
                coalesce(contact_merges.surviving_contact_id, engagement_contacts.contact_id) as contact_id,
            {%- else %}
        crm_contacts.contact_id,
        {%- endif %}
            cast(null as {{ dbt.type_string() }}) as campaign_id,
            'reply' as event_type,
            cast(null as {{ dbt.type_string() }}) as url,
            {{ timestamp_text('coalesce(engagement_emails.occurred_at, engagements.occurred_at)') }}
                as occurred_at
        from {{ ref('stg_hubspot__engagements') }} as engagements
        inner join {{ ref('stg_hubspot__engagement_contacts') }} as engagement_contacts
            on engagements.engagement_id = engagement_contacts.engagement_id
        left join {{ ref('stg_hubspot__engagement_emails') }} as engagement_emails
            on engagements.engagement_id = engagement_emails.engagement_id
        left join {{ ref('int_hubspot__contact_merges') }} as contact_merges
            on engagement_contacts.contact_id = contact_merges.merged_contact_id
        {%- if not crm_is_hubspot %}
    left join {{ ref('stg_hubspot__contacts') }} as hubspot_contacts
        on coalesce(contact_merges.surviving_contact_id, engagement_contacts.contact_id) = hubspot_contacts.contact_id
    left join crm_contacts
        on lower(trim(hubspot_contacts.email)) = crm_contacts.email_key
    {%- endif %}
        where
            upper(engagements.engagement_type) = 'INCOMING_EMAIL'
            and not coalesce(engagements.is_deleted, false)
            and not coalesce(engagement_emails.is_deleted, false)
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as event_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        cast(null as {{ dbt.type_string() }}) as event_type,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as occurred_at
    where 1 = 0
    {%- endif %}
),

mapped as (
    select * from marketing_events
    union all
    select * from replies
)

select * from mapped
