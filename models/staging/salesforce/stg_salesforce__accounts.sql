{{ config(enabled=connector_table_enabled('salesforce', 'account')) }}

-- Salesforce accounts, one row per account, current values (Fivetran `account`). The columns the
-- connector mapping reads, typed whatever type they were landed with and renamed, as the sources
-- YAML declares them (macro connector_columns).
with accounts as (
    select
        {{- connector_columns('salesforce', 'account') }}
    from {{ source('salesforce', 'account') }}
)

select * from accounts
