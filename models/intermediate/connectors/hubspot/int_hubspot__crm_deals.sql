{{ config(enabled=lead_scoring_source('crm') == 'hubspot') }}

-- crm_deals (SPEC §1) from HubSpot (SPEC §1b.3): one row per deal version, as text. The stage is
-- the version's dealstage read in deal_pipeline_stage: open while the stage is not closed
-- (is_closed, else the deprecated closed_won), won when closed with probability 1, lost when
-- closed otherwise; a stage id found nowhere (a deleted stage) is kept as it is, so staging
-- quarantines the row as an unknown deal_stage. closed_at is the close date only on a closed
-- stage (on an open deal it is an expected date) [D8]. One contact per deal: the smallest
-- associated contact (after merges) [D7]; the primary company (association type 5), else the
-- smallest.
with deal_versions as (
    select * from {{ ref('int_hubspot__deal_versions') }}
),

contact_merges as (
    select * from {{ ref('int_hubspot__contact_merges') }}
),

deal_contacts as (
    select
        deal_contacts.deal_id,
        min(coalesce(contact_merges.surviving_contact_id, deal_contacts.contact_id)) as contact_id
    from {{ ref('stg_hubspot__deal_contacts') }} as deal_contacts
    left join contact_merges
        on deal_contacts.contact_id = contact_merges.merged_contact_id
    where deal_contacts.contact_id is not null
    group by deal_contacts.deal_id
),

deal_companies as (
    select
        deal_id,
        coalesce(
            min(case when association_type_id = 5 then company_id end),
            min(company_id)
        ) as company_id
    from {{ ref('stg_hubspot__deal_companies') }}
    where company_id is not null
    group by deal_id
),

stages as (
    -- one row per stage id (a stage id repeated across pipelines: its closed reading wins)
    select
        stage_id,
        max(case when coalesce(is_closed, is_closed_won, false) then 1 else 0 end) as is_closed,
        max(probability) as probability
    from {{ ref('stg_hubspot__deal_pipeline_stages') }}
    where not coalesce(is_deleted, false)
    group by stage_id
),

staged as (
    select
        deal_versions.*,
        case
            when stages.stage_id is null then deal_versions.deal_stage_id
            when stages.is_closed = 0 then 'open'
            when stages.probability >= 1 then 'won'
            else 'lost'
        end as deal_stage
    from deal_versions
    left join stages
        on deal_versions.deal_stage_id = stages.stage_id
),

mapped as (
    select
        staged.deal_id,
        deal_contacts.contact_id,
        deal_companies.company_id,
        staged.deal_stage,
        {{ number_as_text('staged.amount') }} as amount,
        {{ timestamp_text('staged.created_at') }} as created_at,
        case
            when staged.deal_stage in ('won', 'lost') then {{ timestamp_text('staged.close_date') }}
        end as closed_at,
        {{ timestamp_text('staged.version_at') }} as updated_at
    from staged
    left join deal_contacts
        on staged.deal_id = deal_contacts.deal_id
    left join deal_companies
        on staged.deal_id = deal_companies.deal_id
)

select * from mapped
