-- The reported lifecycle_stage is the highest stage reached on any evaluation day, i.e.
-- the highest reached_stage of the contact in fct_lead_score_history (stages never move
-- backward). Contacts missing on either side fail too.
with scores as (
    select
        contact_id,
        lifecycle_stage,
        {{ lifecycle_stage_rank('lifecycle_stage') }} as lifecycle_stage_rank
    from {{ ref('fct_lead_scores') }}
),

history as (
    select
        contact_id,
        max({{ lifecycle_stage_rank('reached_stage') }}) as highest_reached_rank
    from {{ ref('fct_lead_score_history') }}
    group by contact_id
),

compared as (
    select
        coalesce(scores.contact_id, history.contact_id) as contact_id,
        scores.lifecycle_stage,
        {{ lifecycle_stage_name('history.highest_reached_rank') }} as highest_reached_stage
    from scores
    full outer join history
        on scores.contact_id = history.contact_id
    where scores.contact_id is null
        or history.contact_id is null
        or scores.lifecycle_stage_rank is null
        or scores.lifecycle_stage_rank != history.highest_reached_rank
)

select * from compared
