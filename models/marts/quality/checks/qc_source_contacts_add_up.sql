-- Each dimension of the source performance splits every scored contact into its values, none
-- lost and none twice: one row per dimension.
with scored as (
    select count(*) as contacts from {{ ref('fct_lead_scores') }}
),

per_dimension as (
    select
        dimension,
        sum(contacts) as contacts
    from {{ ref('mart_source_performance') }}
    group by dimension
)

select
    per_dimension.dimension,
    per_dimension.contacts as dimension_contacts,
    scored.contacts as scored_contacts,
    abs(per_dimension.contacts - scored.contacts) as difference
from per_dimension
cross join scored
