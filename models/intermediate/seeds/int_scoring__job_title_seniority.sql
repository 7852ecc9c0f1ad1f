{#- Job title patterns that derive seniority (seeds/job_title_seniority.csv), validated and typed:
    a pattern matches when it is a substring of the lower-cased title; the lowest priority wins. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['job_title_seniority']) }}

with job_title_seniority_seed as (
    select * from {{ ref('job_title_seniority') }}
),

typed as (
    select
        lower({{ clean_text('pattern') }}) as pattern,
        lower({{ clean_text('seniority') }}) as seniority,
        cast({{ parse_number(clean_text('priority')) }} as {{ dbt.type_int() }}) as priority
    from job_title_seniority_seed
)

select * from typed
