{#- The activities of each contact up to each scoring day, the one place they are attributed: a
    complete `select` of one row per scoring day and activity of int_activities on or before it
    (scoring_day, scoring_date, activity_id, contact_id, activity, detail, detail_number,
    occurred_at, activity_date). The stream is stitched as of as_of_date; on another scoring day a
    web activity found through its anonymous visitor belongs to the visitor's identity as of that
    day (none yet: nobody's), and only contacts that exist on the day keep their activities.
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
            -- the visitor whose identity attributes the activity on each day (null: the
            -- activity's own contact_id or e-mail decides), so that the joins are equalities
            case when contact_resolved_by = 'identity' then anonymous_id end as identity_anonymous_id
        from {{ ref('int_activities') }}
    ) as activities
    cross join {{ ref('int_scoring_days') }} as scoring_days
    left join {{ ref('int_web_identities_resolved') }} as identities
        on scoring_days.scoring_date = identities.scoring_date
            and activities.identity_anonymous_id = identities.anonymous_id
    inner join {{ ref('int_contacts_enriched') }} as contacts
        on scoring_days.scoring_day = contacts.scoring_day
            and coalesce(identities.contact_id, activities.contact_id) = contacts.contact_id
    where activities.activity_date <= scoring_days.scoring_date
        and (activities.identity_anonymous_id is null or identities.contact_id is not null)
{%- endmacro %}
