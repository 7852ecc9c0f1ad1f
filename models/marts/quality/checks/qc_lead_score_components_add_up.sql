-- The components explain every point: per contact, the difference between each score and what
-- its components give (fit clamped to 0-100; interest floored at 0 and capped at interest_max,
-- no cap when it is null; lead_score = fit_weight x fit + interest_weight x interest).
-- A contact without components has 0 before the clamp.
with components as (
    select
        contact_id,
        sum(case when rule_kind = 'fit' then points else 0 end) as fit_points,
        sum(case when rule_kind in ('interest', 'inactivity') then points else 0 end)
            as interest_points
    from {{ ref('fct_lead_score_components') }}
    group by contact_id
),

settings as (
    select
        interest_max,
        fit_weight,
        interest_weight
    from {{ ref('int_scoring__settings') }}
),

expected as (
    select
        scores.contact_id,
        scores.fit_score,
        scores.interest_score,
        scores.lead_score,
        settings.fit_weight,
        settings.interest_weight,
        least(100, greatest(0, coalesce(components.fit_points, 0))) as expected_fit,
        case
            when settings.interest_max is null
                then greatest(0, coalesce(components.interest_points, 0))
            else least(
                    settings.interest_max,
                    greatest(0, coalesce(components.interest_points, 0))
                )
        end as expected_interest
    from {{ ref('fct_lead_scores') }} as scores
    cross join settings
    left join components
        on scores.contact_id = components.contact_id
)

select
    contact_id,
    abs(fit_score - expected_fit) as fit_difference,
    abs(interest_score - expected_interest) as interest_difference,
    abs(lead_score - (fit_weight * fit_score + interest_weight * interest_score))
        as lead_score_difference
from expected
