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
        ) as identification_rank,
        count(distinct contact_id) over (partition by anonymous_id) as identified_contacts
    from identities
),

resolved as (
    select
        anonymous_id,
        contact_id,
        identified_at,
        identified_contacts
    from ranked
    where identification_rank = 1
)

select * from resolved
