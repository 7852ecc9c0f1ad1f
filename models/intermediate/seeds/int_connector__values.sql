{{ config(enabled=connector_reads('hubspot') or connector_reads('salesforce')) }}
{#- The value lists of the connectors (seeds/connector_values.csv), validated and typed: the
    connector mappings translate a connector's words with them (macro connector_value_matches). -#}
-- depends_on: {{ ref('int_connector__value_problems') }}
{{ validate_connector_values() }}

with connector_values_seed as (
    select * from {{ ref('connector_values') }}
),

typed as (
    select
        lower({{ clean_text('connector') }}) as connector,
        lower({{ clean_text('field') }}) as field,
        lower({{ clean_text('operator') }}) as operator,
        lower({{ clean_text('source_value') }}) as source_value,
        {{ clean_text('value') }} as mapped_value,
        cast({{ parse_number(clean_text('priority')) }} as {{ dbt.type_int() }}) as priority
    from connector_values_seed
)

select * from typed
