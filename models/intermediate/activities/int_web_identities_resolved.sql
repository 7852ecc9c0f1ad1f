-- One contact per anonymous visitor (SPEC §2): where one anonymous_id was identified as several
-- contacts, the latest identification on or before as_of_date wins (ties: the smallest contact_id).
with identities as (
    select * from {{ ref('stg_web__identities') }}
    where identified_at < {{ dbt.dateadd('day', 1, as_of_date()) }}
),

ranked as (
    select
        anonymous_id,
        contact_id,
        identified_at,
        row_number() over (
            partition by anonymous_id
            order by identified_at desc, contact_id asc
        ) as identification_rank
    from identities
),

-- A grouped count, not count(distinct) over a window: PostgreSQL has no distinct window aggregates.
contacts_per_visitor as (
    select
        anonymous_id,
        count(distinct contact_id) as identified_contacts
    from identities
    group by anonymous_id
),

resolved as (
    select
        ranked.anonymous_id,
        ranked.contact_id,
        ranked.identified_at,
        contacts_per_visitor.identified_contacts
    from ranked
    inner join contacts_per_visitor
        on ranked.anonymous_id = contacts_per_visitor.anonymous_id
    where ranked.identification_rank = 1
)

select * from resolved
