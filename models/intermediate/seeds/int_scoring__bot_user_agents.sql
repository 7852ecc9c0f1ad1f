{#- Bot user-agent patterns (seeds/bot_user_agents.csv): a web event is a bot's when one of these
    is a substring of its lower-cased user_agent. Lower-cased, trimmed, blanks and duplicates
    dropped. -#}
with bot_user_agents_seed as (
    select * from {{ ref('bot_user_agents') }}
),

patterns as (
    select distinct lower({{ clean_text('pattern') }}) as pattern
    from bot_user_agents_seed
    where {{ clean_text('pattern') }} is not null
)

select * from patterns
