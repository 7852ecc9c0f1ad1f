{#- Grades (seeds/scoring_grades.csv), validated and typed; grade_rank 1 = best grade. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['scoring_grades']) }}

with grades_seed as (
    select * from {{ ref('scoring_grades') }}
),

typed as (
    select
        {{ scoring_seed_text('grade') }} as grade,
        {{ scoring_seed_number('min_fit_score') }} as min_fit_score
    from grades_seed
),

ranked as (
    select
        grade,
        min_fit_score,
        row_number() over (order by min_fit_score desc) as grade_rank
    from typed
)

select * from ranked
