{{ config(enabled=lead_scoring_source('web') == 'segment') }}
{%- set identity = var('segment_identity', 'email') %}

-- The CRM contact of each Segment user_id (SPEC §1b.5, identity [D24]), whatever the crm area
-- reads from. segment_identity `email` (default): the user's e-mail is the e-mail trait (var
-- segment_email_trait) of the user's latest identify call that has one, matched to the contact
-- with that e-mail as of as_of_date, case-insensitive and trimmed (several: the smallest
-- contact_id); a user without a match has none. `user_id`: user_id is the contact id.
with identifies as (
    select * from {{ ref('stg_segment__identifies') }}
),

{%- if identity == 'user_id' %}

user_contacts as (
    select distinct
        user_id,
        user_id as contact_id,
        cast(null as {{ dbt.type_string() }}) as email
    from identifies
    where user_id is not null
)
{%- else %}

    ranked_emails as (
        select
            user_id,
            email,
            row_number() over (
                partition by user_id
                order by occurred_at desc, event_id desc
            ) as email_rank
        from identifies
        where user_id is not null and email is not null
    ),

    user_emails as (
        select
            user_id,
            email
        from ranked_emails
        where email_rank = 1
    ),

    crm_contacts as (
        select
            lower(trim(email)) as email_key,
            min(contact_id) as contact_id
        from {{ ref('stg_crm__contacts') }}
        where email is not null
        group by lower(trim(email))
    ),

    user_contacts as (
        select
            user_emails.user_id,
            crm_contacts.contact_id,
            user_emails.email
        from user_emails
        left join crm_contacts
            on lower(trim(user_emails.email)) = crm_contacts.email_key
    )
{%- endif %}

select * from user_contacts
