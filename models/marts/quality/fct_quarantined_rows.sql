{%- set tables = [
    ('crm_companies', 'base_crm__companies', 'company_id'),
    ('crm_contacts', 'base_crm__contacts', 'contact_id'),
    ('crm_deals', 'base_crm__deals', 'deal_id'),
    ('web_events', 'base_web__events', 'event_id'),
    ('web_identities', 'base_web__identities', 'identity_key'),
    ('email_campaigns', 'base_email__campaigns', 'campaign_id'),
    ('email_events', 'base_email__events', 'event_id'),
    ('form_submissions', 'base_forms__submissions', 'submission_id'),
    ('event_attendance', 'base_events__event_attendance', 'registration_id'),
] -%}

with quarantined as (
    {% for raw_table, base_model, key_column in tables %}
        select
            '{{ raw_table }}' as raw_table,
            cast({{ key_column }} as {{ dbt.type_string() }}) as row_key,
            quarantine_reason,
            raw_row
        from {{ ref(base_model) }}
        where row_status = 'quarantined'
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from quarantined
