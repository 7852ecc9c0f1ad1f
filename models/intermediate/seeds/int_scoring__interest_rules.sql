{#- Interest rules (seeds/scoring_interest_rules.csv), validated and typed. An empty operator
    (null here) matches every activity of that kind. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['scoring_interest_rules']) }}

with interest_rules_seed as (
    select * from {{ ref('scoring_interest_rules') }}
),

typed as (
    select
        {{ scoring_seed_text('rule_id') }} as rule_id,
        {{ scoring_seed_lower('activity') }} as activity,
        {{ scoring_seed_lower('operator') }} as operator,
        {{ scoring_seed_lower('value') }} as value_text,
        {{ scoring_seed_number('value') }} as value_number,
        {{ scoring_seed_number('value_to') }} as value_to_number,
        {{ scoring_seed_number('points') }} as points,
        {{ scoring_seed_number('max_points') }} as max_points,
        {{ scoring_seed_number('half_life_days') }} as half_life_days,
        {{ scoring_seed_number('window_days') }} as window_days,
        {{ scoring_seed_text('description') }} as description
    from interest_rules_seed
)

select * from typed
