{{ config(enabled=lead_scoring_source('events') == 'salesforce') }}
{%- set leads_enabled = connector_var_enabled('salesforce__lead_enabled') %}

-- event_attendance (SPEC §1) from Salesforce campaign members (SPEC §1b.4) [D20], as text: the
-- members of campaigns whose type seeds/connector_values.csv maps to an event type (members of
-- other campaigns, and of deleted ones, are no event rows). The contact is the member's Contact,
-- else the Contact its Lead was converted into, else the Lead; attended when the member status
-- maps to true (Attended), else false; the event day is the campaign's start date. Salesforce has
-- no minutes attended.
with members as (
    select * from {{ ref('stg_salesforce__campaign_members') }}
    where not coalesce(is_deleted, false)
),

campaigns as (
    select * from {{ ref('stg_salesforce__campaigns') }}
    where not coalesce(is_deleted, false)
),

event_types as (
    {{ connector_value_matches('campaigns', 'campaign_type', 'salesforce', 'event_type') }}
),

attended_statuses as (
    {{ connector_value_matches('members', 'member_status', 'salesforce', 'attended') }}
),

event_campaigns as (
    select
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.start_date,
        event_types.mapped_value as event_type
    from campaigns
    inner join event_types
        on lower(trim(campaigns.campaign_type)) = event_types.source_text
),

{%- if leads_enabled %}

    converted_leads as (
        select
            lead_id,
            converted_contact_id
        from {{ ref('stg_salesforce__leads') }}
        where not coalesce(is_deleted, false) and is_converted and converted_contact_id is not null
    ),
{%- endif %}

mapped as (
    select
        members.campaign_member_id as registration_id,
        {%- if leads_enabled %}
            coalesce(members.contact_id, converted_leads.converted_contact_id, members.lead_id) as contact_id,
        {%- else %}
        coalesce(members.contact_id, members.lead_id) as contact_id,
        {%- endif %}
        event_campaigns.campaign_name as event_name,
        event_campaigns.event_type,
        {{ date_text('event_campaigns.start_date') }} as event_date,
        {{ timestamp_text('members.created_at') }} as registered_at,
        case when lower(attended_statuses.mapped_value) = 'true' then 'true' else 'false' end as attended,
        cast(null as {{ dbt.type_string() }}) as minutes_attended
    from members
    inner join event_campaigns
        on members.campaign_id = event_campaigns.campaign_id
    left join attended_statuses
        on lower(trim(members.member_status)) = attended_statuses.source_text
    {%- if leads_enabled %}
        left join converted_leads
            on members.lead_id = converted_leads.lead_id
    {%- endif %}
)

select * from mapped
