-- The queue sales works from: one row per contact at mql or sql as of as_of_date that
-- is not disqualified (a contact with a deal is an opportunity or customer and has left the
-- queue), ranked: sql before mql, then the higher lead_score, then contact_id.
with scores as (
    select * from {{ ref('fct_lead_scores') }}
),

contacts as (
    select * from {{ ref('dim_contacts') }}
),

queue as (
    select
        scores.contact_id,
        contacts.owner_id,
        scores.lifecycle_stage,
        {{ lifecycle_stage_rank('scores.lifecycle_stage') }} as lifecycle_stage_rank,
        scores.lead_score,
        scores.grade,
        scores.quadrant,
        scores.mql_at,
        scores.sql_at,
        {{ dbt.datediff(
            'scores.mql_at',
            'scores.as_of_date', 'day') }} as days_since_mql,
        scores.last_activity_at,
        scores.top_reasons,
        scores.as_of_date
    from scores
    inner join contacts
        on scores.contact_id = contacts.contact_id
    where scores.lifecycle_stage in ('mql', 'sql')
        and not scores.is_disqualified
),

ranked as (
    select
        contact_id,
        owner_id,
        lifecycle_stage,
        lead_score,
        grade,
        quadrant,
        mql_at,
        sql_at,
        cast(days_since_mql as {{ dbt.type_int() }}) as days_since_mql,
        last_activity_at,
        cast(row_number() over (
            order by lifecycle_stage_rank desc, lead_score desc, contact_id asc
        ) as {{ dbt.type_int() }}) as priority_rank,
        cast(row_number() over (
            partition by owner_id
            order by lifecycle_stage_rank desc, lead_score desc, contact_id asc
        ) as {{ dbt.type_int() }}) as owner_rank,
        top_reasons,
        as_of_date
    from queue
)

select * from ranked
