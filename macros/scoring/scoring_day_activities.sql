{#- The activities of each contact up to each scoring day, the one place they are attributed: a
    complete `select` of one row per scoring day and activity of int_activities on or before it
    (scoring_day, scoring_date, activity_id, contact_id, activity, detail, detail_number,
    occurred_at, activity_date). The stream is stitched as of as_of_date; on every scoring day an
    activity is attributed by what exists that day, as a build as of that day attributes it: a web
    activity found through its anonymous visitor belongs to the visitor's identity as of that day
    (int_web_identities_resolved; none yet: nobody's), a form found by its e-mail to the contact
    that holds the address that day (its CRM version in force; several: the smallest contact_id;
    none: nobody's), and only contacts that exist on the day keep their activities.
    Rendered by int_scoring_day_activities and int_scoring_contact_fingerprints. -#}
{% macro scoring_day_activities() -%}
    select
        scoring_days.scoring_day,
        scoring_days.scoring_date,
        activities.activity_id,
        contacts.contact_id,
        activities.activity,
        activities.detail,
        activities.detail_number,
        activities.occurred_at,
        activities.activity_date
    from (
        select
            activity_id,
            contact_id,
            activity,
            detail,
            detail_number,
            occurred_at,
            activity_date,
            -- the visitor whose identity, or the e-mail whose holder, attributes the activity on
            -- each day (both null: the activity's own contact_id decides), so that the joins are
            -- equalities
            case when contact_resolved_by = 'identity' then anonymous_id end as identity_anonymous_id,
            case when contact_resolved_by = 'email' then email_normalized end as resolving_email
        from {{ ref('int_activities') }}
    ) as activities
    cross join {{ ref('int_scoring_days') }} as scoring_days
    left join {{ ref('int_web_identities_resolved') }} as identities
        on scoring_days.scoring_date = identities.scoring_date
            and activities.identity_anonymous_id = identities.anonymous_id
    left join (
        select
            scoring_day,
            email_normalized,
            min(contact_id) as contact_id
        from {{ ref('int_contacts_enriched') }}
        where email_normalized is not null
        group by scoring_day, email_normalized
    ) as email_holders
        on scoring_days.scoring_day = email_holders.scoring_day
            and activities.resolving_email = email_holders.email_normalized
    inner join {{ ref('int_contacts_enriched') }} as contacts
        on scoring_days.scoring_day = contacts.scoring_day
            and coalesce(identities.contact_id, email_holders.contact_id, activities.contact_id)
            = contacts.contact_id
    where activities.activity_date <= scoring_days.scoring_date
        and (activities.identity_anonymous_id is null or identities.contact_id is not null)
        and (activities.resolving_email is null or email_holders.contact_id is not null)
{%- endmacro %}
