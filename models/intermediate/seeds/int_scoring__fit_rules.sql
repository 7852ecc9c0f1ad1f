{#- Fit rules (seeds/scoring_fit_rules.csv), validated and typed. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['scoring_fit_rules']) }}

with fit_rules_seed as (
    select * from {{ ref('scoring_fit_rules') }}
),

typed as (
    select
        {{ scoring_seed_text('rule_id') }} as rule_id,
        {{ scoring_seed_lower('level') }} as level,
        {{ scoring_seed_lower('attribute') }} as attribute,
        {{ scoring_seed_lower('operator') }} as operator,
        {{ scoring_seed_lower('value') }} as value_text,
        {{ scoring_seed_number('value') }} as value_number,
        {{ scoring_seed_number('value_to') }} as value_to_number,
        {{ scoring_seed_number('points') }} as points,
        coalesce({{ scoring_seed_boolean('disqualify') }}, false) as is_disqualifying,
        {{ scoring_seed_text('description') }} as description
    from fit_rules_seed
)

select * from typed
