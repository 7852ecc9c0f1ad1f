{#- The raw tables and the models that read each one: the one list of them in the SQL. The raw
    tables themselves (their columns and types) are the sources YAML (models/staging/*/_*__sources.yml);
    tests/quality/assert_raw_tables_reconcile.sql checks that every source table there is in this
    list, so a new raw table cannot be left out of the quarantine and reconciliation marts. A list,
    not a loop over graph.sources, because dbt learns a model's refs when it parses the model, before
    the sources are known. -#}
{% macro raw_tables() -%}
    {{ return([
        {'source': 'crm', 'table': 'crm_companies', 'base_model': 'base_crm__companies',
         'staging_model': 'stg_crm__companies', 'key_column': 'company_id'},
        {'source': 'crm', 'table': 'crm_contacts', 'base_model': 'base_crm__contacts',
         'staging_model': 'stg_crm__contacts', 'key_column': 'contact_id'},
        {'source': 'crm', 'table': 'crm_deals', 'base_model': 'base_crm__deals',
         'staging_model': 'stg_crm__deals', 'key_column': 'deal_id'},
        {'source': 'web', 'table': 'web_events', 'base_model': 'base_web__events',
         'staging_model': 'stg_web__events', 'key_column': 'event_id'},
        {'source': 'web', 'table': 'web_identities', 'base_model': 'base_web__identities',
         'staging_model': 'stg_web__identities', 'key_column': 'identity_key'},
        {'source': 'email', 'table': 'email_campaigns', 'base_model': 'base_email__campaigns',
         'staging_model': 'stg_email__campaigns', 'key_column': 'campaign_id'},
        {'source': 'email', 'table': 'email_events', 'base_model': 'base_email__events',
         'staging_model': 'stg_email__events', 'key_column': 'event_id'},
        {'source': 'forms', 'table': 'form_submissions', 'base_model': 'base_forms__submissions',
         'staging_model': 'stg_forms__submissions', 'key_column': 'submission_id'},
        {'source': 'events', 'table': 'event_attendance', 'base_model': 'base_events__event_attendance',
         'staging_model': 'stg_events__event_attendance', 'key_column': 'registration_id'},
    ]) }}
{%- endmacro %}
