{%- set tables = [
    ('crm', 'crm_companies', 'base_crm__companies', 'stg_crm__companies'),
    ('crm', 'crm_contacts', 'base_crm__contacts', 'stg_crm__contacts'),
    ('crm', 'crm_deals', 'base_crm__deals', 'stg_crm__deals'),
    ('web', 'web_events', 'base_web__events', 'stg_web__events'),
    ('web', 'web_identities', 'base_web__identities', 'stg_web__identities'),
    ('email', 'email_campaigns', 'base_email__campaigns', 'stg_email__campaigns'),
    ('email', 'email_events', 'base_email__events', 'stg_email__events'),
    ('forms', 'form_submissions', 'base_forms__submissions', 'stg_forms__submissions'),
    ('events', 'event_attendance', 'base_events__event_attendance', 'stg_events__event_attendance'),
] -%}

-- Every count comes from a different model, so the equation checks the whole chain:
-- raw (the source itself) = clean (staging) + quarantined (quarantine mart) + superseded and
-- after_as_of (base).
with counts as (
    {% for source_name, raw_table, base_model, staging_model in tables %}
        select
            '{{ raw_table }}' as raw_table,
            (select count(*) from {{ source(source_name, raw_table) }}) as raw_rows,
            (select count(*) from {{ ref(staging_model) }}) as clean_rows,
            (
                select count(*) from {{ ref('fct_quarantined_rows') }}
                where raw_table = '{{ raw_table }}'
            ) as quarantined_rows,
            (
                select count(*) from {{ ref(base_model) }}
                where row_status = 'superseded'
            ) as superseded_rows,
            (
                select count(*) from {{ ref(base_model) }}
                where row_status = 'after_as_of'
            ) as after_as_of_rows
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

reconciled as (
    select
        raw_table,
        raw_rows,
        clean_rows,
        quarantined_rows,
        superseded_rows,
        after_as_of_rows,
        raw_rows = clean_rows + quarantined_rows + superseded_rows + after_as_of_rows as is_reconciled
    from counts
)

select * from reconciled
