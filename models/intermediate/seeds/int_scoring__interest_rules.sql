{#- Interest rules (seeds/scoring_interest_rules.csv), validated and typed. An empty operator
    (null here) matches every activity of that kind. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['scoring_interest_rules']) }}

with interest_rules_seed as (
    select * from {{ ref('scoring_interest_rules') }}
),

typed as (
    select
        {{ clean_text('rule_id') }} as rule_id,
        lower({{ clean_text('activity') }}) as activity,
        lower({{ clean_text('operator') }}) as operator,
        lower({{ clean_text('value') }}) as value_text,
        {{ parse_number(clean_text('value')) }} as value_number,
        {{ parse_number(clean_text('value_to')) }} as value_to_number,
        {{ parse_number(clean_text('points')) }} as points,
        {{ parse_number(clean_text('max_points')) }} as max_points,
        {{ parse_number(clean_text('half_life_days')) }} as half_life_days,
        {{ parse_number(clean_text('window_days')) }} as window_days,
        {{ clean_text('description') }} as description
    from interest_rules_seed
)

select * from typed
