{{ config(enabled=lead_scoring_source('web') == 'segment') }}
{%- set identity = var('segment_identity', 'email') %}

-- web_identities (SPEC §1) from Segment identify calls (SPEC §1b.5), as text: one row per
-- identify call with an anonymous_id, at its timestamp. Its contact [D24]: segment_identity
-- `email` (default): the CRM contact with the call's own e-mail trait, else its user's e-mail
-- (int_segment__user_contacts), as of as_of_date; `user_id`: the user_id.
with identifies as (
    select * from {{ ref('stg_segment__identifies') }}
    where anonymous_id is not null
),

user_contacts as (
    select * from {{ ref('int_segment__user_contacts') }}
),

{%- if identity == 'user_id' %}

mapped as (
    select
        identifies.anonymous_id,
        identifies.user_id as contact_id,
        {{ timestamp_text('identifies.occurred_at') }} as identified_at
    from identifies
)
{%- else %}

    crm_contacts as (
        select
            lower(trim(email)) as email_key,
            min(contact_id) as contact_id
        from {{ ref('stg_crm__contacts') }}
        where email is not null
        group by lower(trim(email))
    ),

    mapped as (
        select
            identifies.anonymous_id,
            case
                when identifies.email is not null then own_contacts.contact_id
                else user_contacts.contact_id
            end as contact_id,
            {{ timestamp_text('identifies.occurred_at') }} as identified_at
        from identifies
        left join crm_contacts as own_contacts
            on lower(trim(identifies.email)) = own_contacts.email_key
        left join user_contacts
            on identifies.user_id = user_contacts.user_id
    )
{%- endif %}

select * from mapped
