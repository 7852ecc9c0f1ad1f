-- The activities of each contact up to each scoring day (SPEC §2, §4a): one row per scoring day
-- and activity. The stream (int_activities) is stitched as of as_of_date; on another scoring day
-- a web activity found through its anonymous visitor belongs to the visitor's identity as of
-- that day (none yet: no one's activity that day), and only contacts that exist on the day keep
-- their activities.
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

activities as (
    select * from {{ ref('int_activities') }}
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
            when activities.contact_resolved_by = 'identity' then identities.contact_id
            else activities.contact_id
        end as contact_id,
        activities.activity,
        activities.occurred_at,
        activities.activity_date
    from activities
    inner join scoring_days
        on activities.activity_date <= scoring_days.scoring_date
    left join identities
        on activities.contact_resolved_by = 'identity'
            and scoring_days.scoring_date = identities.scoring_date
            and activities.anonymous_id = identities.anonymous_id
),

final as (
    select attributed.*
    from attributed
    inner join contacts
        on attributed.scoring_date = contacts.scoring_date
            and attributed.contact_id = contacts.contact_id
)

select * from final
