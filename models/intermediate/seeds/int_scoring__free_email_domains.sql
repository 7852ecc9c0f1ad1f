{#- Free e-mail domains (seeds/free_email_domains.csv): lower-cased, trimmed, a leading '@'
    removed, blanks and duplicates dropped. -#}
with free_email_domains_seed as (
    select * from {{ ref('free_email_domains') }}
),

cleaned as (
    select
        case
            when {{ scoring_seed_lower('domain') }} like '@%'
                then substring({{ scoring_seed_lower('domain') }}, 2)
            else {{ scoring_seed_lower('domain') }}
        end as domain
    from free_email_domains_seed
),

domains as (
    select distinct domain
    from cleaned
    where domain is not null and domain <> ''
)

select * from domains
