-- The activities of each contact up to each scoring day: one row per scoring day
-- and activity. The stream (int_activities) is stitched as of as_of_date; on another scoring day
-- a web activity found through its anonymous visitor belongs to the visitor's identity as of
-- that day (none yet: no one's activity that day), and only contacts that exist on the day keep
-- their activities.
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

activities as (
    select
        activity_id,
        contact_id,
        activity,
        occurred_at,
        activity_date,
        -- the visitor whose identity attributes the activity on each day (null: the activity's
        -- own contact_id or e-mail decides), so that the join below is a plain equality
        case when contact_resolved_by = 'identity' then anonymous_id end as identity_anonymous_id
    from {{ ref('int_activities') }}
),

identities as (
    select * from {{ ref('int_web_identities_resolved') }}
),

contacts as (
    select
        scoring_date,
        contact_id
    from {{ ref('int_contacts_enriched') }}
),

attributed as (
    select
        scoring_days.scoring_date,
        activities.activity_id,
        case
            when activities.identity_anonymous_id is not null then identities.contact_id
            else activities.contact_id
        end as contact_id,
        activities.activity,
        activities.occurred_at,
        activities.activity_date
    from activities
    cross join scoring_days
    left join identities
        on scoring_days.scoring_date = identities.scoring_date
            and activities.identity_anonymous_id = identities.anonymous_id
    where activities.activity_date <= scoring_days.scoring_date
),

final as (
    select attributed.*
    from attributed
    inner join contacts
        on attributed.scoring_date = contacts.scoring_date
            and attributed.contact_id = contacts.contact_id
)

select * from final
