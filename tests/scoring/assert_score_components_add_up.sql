-- The components explain every point. Per contact, the fit components add up to the fit
-- points before the clamp, fit_score = min(100, max(0, Σ fit)); interest and inactivity
-- components add up to the interest before the floor and the cap,
-- interest_score = min(interest_max, max(0, Σ)) (no cap when interest_max is null).
-- A contact without components has 0 before the clamp.
with scores as (
    select * from {{ ref('fct_lead_scores') }}
),

components as (
    select * from {{ ref('fct_lead_score_components') }}
),

settings as (
    select * from {{ ref('int_scoring__settings') }}
),

component_totals as (
    select
        contact_id,
        sum(case when rule_kind = 'fit' then points else 0 end) as fit_points,
        sum(case when rule_kind in ('interest', 'inactivity') then points else 0 end) as interest_points
    from components
    group by contact_id
),

expected as (
    select
        scores.contact_id,
        scores.fit_score,
        scores.interest_score,
        least(100, greatest(0, coalesce(component_totals.fit_points, 0))) as expected_fit_score,
        case
            when settings.interest_max is null
                then greatest(0, coalesce(component_totals.interest_points, 0))
            else least(settings.interest_max, greatest(0, coalesce(component_totals.interest_points, 0)))
        end as expected_interest_score
    from scores
    cross join settings
    left join component_totals
        on scores.contact_id = component_totals.contact_id
)

select *
from expected
where abs(fit_score - expected_fit_score) > 1e-6
    or abs(interest_score - expected_interest_score) > 1e-6
