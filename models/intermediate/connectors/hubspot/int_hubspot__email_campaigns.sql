{{ config(enabled=lead_scoring_source('email') == 'hubspot') }}

-- email_campaigns (SPEC §1) from HubSpot (SPEC §1b.3): one row per marketing e-mail campaign, as
-- text. The campaign type is read from the campaign's name by seeds/connector_values.csv [D9]
-- (HubSpot's own `type`, BATCH_EMAIL or AUTOMATED_EMAIL, says how an e-mail is sent, not what it
-- is); null when no row matches.
with campaigns as (
    select * from {{ ref('stg_hubspot__email_campaigns') }}
),

campaign_types as (
    {{ connector_value_matches('campaigns', 'campaign_name', 'hubspot', 'campaign_type') }}
),

mapped as (
    select
        campaigns.campaign_id,
        campaigns.campaign_name as name,
        campaign_types.mapped_value as campaign_type
    from campaigns
    left join campaign_types
        on lower(trim(campaigns.campaign_name)) = campaign_types.source_text
)

select * from mapped
