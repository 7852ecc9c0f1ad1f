{{ config(enabled=lead_scoring_source('crm') == 'salesforce') }}
{%- set leads_enabled = connector_var_enabled('salesforce__lead_enabled') %}

-- crm_companies (SPEC §1) from Salesforce (SPEC §1b.4), as text: every Account, one row per
-- version (history mode: var salesforce__account_history_enabled, else the current row); the
-- domain is the web site without scheme, www. and path. Plus, for every version of a Lead not
-- converted whose `company` is set, a company keyed by the Lead's id, made of the Lead's company
-- fields and its country (a Lead has one address) [D18].
with account_versions as (
    {{ salesforce_record_versions(
        ref('stg_salesforce__accounts'),
        ref('stg_salesforce_history__accounts') if connector_table_enabled('salesforce_history', 'account') else none,
        'account_id',
        ['account_name', 'website', 'industry', 'employee_count', 'annual_revenue',
         'billing_country_code', 'billing_country'],
        connector_table_enabled('salesforce_history', 'account')) }}
),

account_rows as (
    select
        account_id as company_id,
        account_name as name,
        {{ website_domain('website') }} as domain,
        industry,
        employee_count,
        annual_revenue,
        coalesce(billing_country_code, billing_country) as country,
        version_at as updated_at
    from account_versions
),

{%- if leads_enabled %}

    lead_versions as (
    {{ salesforce_record_versions(
        ref('stg_salesforce__leads'),
        ref('stg_salesforce_history__leads') if connector_table_enabled('salesforce_history', 'lead') else none,
        'lead_id',
        ['company_name', 'website', 'industry', 'employee_count', 'annual_revenue', 'country_code', 'country'],
        connector_table_enabled('salesforce_history', 'lead')) }}
    ),

    unconverted_leads as (
        select lead_id
        from {{ ref('stg_salesforce__leads') }}
        where not coalesce(is_deleted, false) and not coalesce(is_converted, false)
    ),

    lead_company_rows as (
        select
            lead_versions.lead_id as company_id,
            lead_versions.company_name as name,
            {{ website_domain('lead_versions.website') }} as domain,
            lead_versions.industry,
            lead_versions.employee_count,
            lead_versions.annual_revenue,
            coalesce(lead_versions.country_code, lead_versions.country) as country,
            lead_versions.version_at as updated_at
        from lead_versions
        inner join unconverted_leads
            on lead_versions.lead_id = unconverted_leads.lead_id
        where lead_versions.company_name is not null
    ),
{%- endif %}

companies as (
    select * from account_rows
    {%- if leads_enabled %}
        union all
        select * from lead_company_rows
    {%- endif %}
),

mapped as (
    select
        company_id,
        name,
        domain,
        industry,
        {{ number_as_text('employee_count') }} as employee_count,
        {{ number_as_text('annual_revenue') }} as annual_revenue,
        country,
        {{ timestamp_text('updated_at') }} as updated_at
    from companies
)

select * from mapped
