{#- Bot user-agent patterns (seeds/bot_user_agents.csv): a web event is a bot's when one of these
    is a substring of its lower-cased user_agent. Lower-cased, trimmed, blanks and duplicates
    dropped. -#}
with bot_user_agents_seed as (
    select * from {{ ref('bot_user_agents') }}
),

patterns as (
    select distinct {{ scoring_seed_lower('pattern') }} as pattern
    from bot_user_agents_seed
    where {{ scoring_seed_text('pattern') }} is not null
)

select * from patterns
