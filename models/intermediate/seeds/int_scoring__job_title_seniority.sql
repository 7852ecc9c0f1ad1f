{#- Job title patterns that derive seniority (seeds/job_title_seniority.csv), validated and typed:
    a pattern matches when it is a substring of the lower-cased title; the lowest priority wins. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['job_title_seniority']) }}

with job_title_seniority_seed as (
    select * from {{ ref('job_title_seniority') }}
),

typed as (
    select
        {{ scoring_seed_lower('pattern') }} as pattern,
        {{ scoring_seed_lower('seniority') }} as seniority,
        cast({{ scoring_seed_number('priority') }} as {{ dbt.type_int() }}) as priority
    from job_title_seniority_seed
)

select * from typed
