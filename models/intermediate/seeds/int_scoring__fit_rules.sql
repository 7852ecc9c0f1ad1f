{#- Fit rules (seeds/scoring_fit_rules.csv), validated and typed. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['scoring_fit_rules']) }}

with fit_rules_seed as (
    select * from {{ ref('scoring_fit_rules') }}
),

typed as (
    select
        {{ clean_text('rule_id') }} as rule_id,
        lower({{ clean_text('level') }}) as level,
        lower({{ clean_text('attribute') }}) as attribute,
        lower({{ clean_text('operator') }}) as operator,
        lower({{ clean_text('value') }}) as value_text,
        {{ parse_number(clean_text('value')) }} as value_number,
        {{ parse_number(clean_text('value_to')) }} as value_to_number,
        {{ parse_number(clean_text('points')) }} as points,
        coalesce({{ parse_boolean(clean_text('disqualify')) }}, false) as is_disqualifying,
        {{ clean_text('description') }} as description
    from fit_rules_seed
)

select * from typed
