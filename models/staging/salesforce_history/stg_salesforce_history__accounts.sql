{{ config(enabled=connector_table_enabled('salesforce_history', 'account')) }}

-- Versions of Salesforce accounts (Fivetran history mode: `account` in the history schema). The
-- columns the connector mapping reads, typed whatever type they were landed with and renamed, as
-- the sources YAML declares them (macro connector_columns).
with accounts as (
    select
        {{- connector_columns(
            'salesforce_history',
            'account',
            disabled_by='salesforce__account_history_enabled'
        ) }}
    from {{ source('salesforce_history', 'account') }}
)

select * from accounts
