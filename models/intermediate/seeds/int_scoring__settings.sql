{#- Scoring settings (seeds/scoring_settings.csv, key/value rows), validated and pivoted into
    exactly one row with one typed column per setting. Keys are case-insensitive and values are
    trimmed. mql_min_grade is spelled as in scoring_grades.csv. -#}
-- depends_on: {{ ref('int_scoring__seed_problems') }}
{{ validate_scoring_seeds(['scoring_settings']) }}

with settings_seed as (
    select * from {{ ref('scoring_settings') }}
),

-- The grades seed itself (not int_scoring__grades), so that bad settings are reported in the
-- same build as bad grades.
grades_seed as (
    select * from {{ ref('scoring_grades') }}
),

grades_typed as (
    select
        {{ scoring_seed_text('grade') }} as grade,
        {{ scoring_seed_number('min_fit_score') }} as min_fit_score
    from grades_seed
),

-- One row per grade even while a duplicate grade is being reported by int_scoring__grades.
grades as (
    select
        lower(grade) as grade_key,
        min(grade) as grade,
        min(min_fit_score) as min_fit_score
    from grades_typed
    group by lower(grade)
),

settings as (
    select
        {{ scoring_seed_lower('key') }} as setting_key,
        {{ scoring_seed_text('value') }} as setting_value
    from settings_seed
),

pivoted as (
    select
        {%- for key in scoring_seed_contract().number_settings %}
            {{ scoring_seed_number("max(case when setting_key = '" ~ key ~ "' then setting_value end)") }}
                as {{ key }},
        {%- endfor %}
        max(case when setting_key = 'mql_min_grade' then setting_value end) as mql_min_grade_value
    from settings
),

with_grade as (
    select
        pivoted.mql_threshold,
        pivoted.sql_threshold,
        grades.grade as mql_min_grade,
        grades.min_fit_score as mql_min_fit_score,
        pivoted.fit_weight,
        pivoted.interest_weight,
        pivoted.fit_high_threshold,
        pivoted.interest_high_threshold,
        pivoted.interest_max,
        pivoted.inactivity_days,
        pivoted.inactivity_points,
        pivoted.conversion_window_days
    from pivoted
    left join grades
        on grades.grade_key = lower(pivoted.mql_min_grade_value)
)

select * from with_grade
