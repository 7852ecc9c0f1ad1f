{{ config(enabled=lead_scoring_source('crm') == 'salesforce') }}

-- crm_deals (SPEC §1) from Salesforce (SPEC §1b.4), as text: every Opportunity, one row per
-- version (history mode: var salesforce__opportunity_history_enabled, else the current row).
-- Stage: won when is_won, else lost when is_closed, else open; closed_at is the close date (a
-- day: 00:00:00 UTC) only when closed [D8]. One contact per deal: of its contact roles, the
-- primary, then the earliest created, then the smallest id [D19].
with opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
),

opportunity_versions as (
    {{ salesforce_record_versions(
        ref('stg_salesforce__opportunities'),
        ref('stg_salesforce_history__opportunities') if connector_table_enabled('salesforce_history', 'opportunity') else none,
        'opportunity_id',
        ['account_id', 'amount', 'is_won', 'is_closed', 'close_date'],
        connector_table_enabled('salesforce_history', 'opportunity')) }}
),

ranked_roles as (
    select
        opportunity_id,
        contact_id,
        row_number() over (
            partition by opportunity_id
            order by
                case when is_primary then 0 else 1 end,
                created_at,
                contact_role_id
        ) as role_rank
    from {{ ref('stg_salesforce__opportunity_contact_roles') }}
    where not coalesce(is_deleted, false) and contact_id is not null
),

deal_contacts as (
    select
        opportunity_id,
        contact_id
    from ranked_roles
    where role_rank = 1
),

staged as (
    select
        opportunity_versions.*,
        case
            when opportunity_versions.is_won then 'won'
            when opportunity_versions.is_closed then 'lost'
            else 'open'
        end as deal_stage
    from opportunity_versions
),

mapped as (
    select
        staged.opportunity_id as deal_id,
        deal_contacts.contact_id,
        staged.account_id as company_id,
        staged.deal_stage,
        {{ number_as_text('staged.amount') }} as amount,
        {{ timestamp_text('opportunities.created_at') }} as created_at,
        case
            when staged.deal_stage in ('won', 'lost') then {{ date_text('staged.close_date') }}
        end as closed_at,
        {{ timestamp_text('staged.version_at') }} as updated_at
    from staged
    inner join opportunities
        on staged.opportunity_id = opportunities.opportunity_id
    left join deal_contacts
        on staged.opportunity_id = deal_contacts.opportunity_id
)

select * from mapped
