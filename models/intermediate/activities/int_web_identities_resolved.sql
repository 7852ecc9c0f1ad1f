-- One contact per anonymous visitor on each scoring day: where one anonymous_id
-- was identified as several contacts, the latest identification on or before the scoring day
-- wins (ties: the smallest contact_id). An identification as a contact that does not exist on
-- the scoring day (created after it) points to nobody that day and is ignored, as a build as of
-- that day ignores it: an earlier identification stands.
with scoring_days as (
    select * from {{ ref('int_scoring_days') }}
),

-- the contacts that exist on each scoring day
contacts as (
    select
        scoring_date,
        contact_id
    from {{ ref('int_contacts_enriched') }}
),

identities as (
    select
        scoring_days.scoring_date,
        stg_web__identities.anonymous_id,
        stg_web__identities.contact_id,
        stg_web__identities.identified_at
    from {{ ref('stg_web__identities') }} as stg_web__identities
    inner join scoring_days
        on stg_web__identities.identified_at
            < {{ dbt.dateadd('day', 1, 'scoring_days.scoring_date') }}
    inner join contacts
        on scoring_days.scoring_date = contacts.scoring_date
            and stg_web__identities.contact_id = contacts.contact_id
),

ranked as (
    select
        scoring_date,
        anonymous_id,
        contact_id,
        identified_at,
        row_number() over (
            partition by scoring_date, anonymous_id
            order by identified_at desc, contact_id asc
        ) as identification_rank
    from identities
),

-- A grouped count, not count(distinct) over a window: PostgreSQL has no distinct window aggregates.
contacts_per_visitor as (
    select
        scoring_date,
        anonymous_id,
        count(distinct contact_id) as identified_contacts
    from identities
    group by scoring_date, anonymous_id
),

resolved as (
    select
        ranked.scoring_date,
        ranked.anonymous_id,
        ranked.contact_id,
        ranked.identified_at,
        contacts_per_visitor.identified_contacts
    from ranked
    inner join contacts_per_visitor
        on ranked.scoring_date = contacts_per_visitor.scoring_date
            and ranked.anonymous_id = contacts_per_visitor.anonymous_id
    where ranked.identification_rank = 1
)

select * from resolved
