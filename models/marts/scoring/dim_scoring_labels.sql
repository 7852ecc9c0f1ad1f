-- Labels and sort order a dashboard joins to the marts' codes: lifecycle stages and
-- quadrants from the seed scoring_labels.csv, grades from scoring_grades.csv (best grade first;
-- the label is the grade unless scoring_labels.csv has a `grade` row for it).
with labels_seed as (
    select * from {{ ref('scoring_labels') }}
),

grades as (
    select * from {{ ref('int_scoring__grades') }}
),

labels as (
    select
        lower({{ clean_text('kind') }}) as label_kind,
        lower({{ clean_text('value') }}) as label_value,
        {{ clean_text('label') }} as label_text,
        cast({{ parse_number(clean_text('sort_order')) }} as {{ dbt.type_int() }}) as sort_order
    from labels_seed
),

grade_labels as (
    select
        cast('grade' as {{ dbt.type_string() }}) as label_kind,
        grades.grade as label_value,
        coalesce(labels.label_text, grades.grade) as label_text,
        cast(grades.grade_rank as {{ dbt.type_int() }}) as sort_order
    from grades
    left join labels
        on labels.label_kind = 'grade'
            and labels.label_value = lower(grades.grade)
),

final as (
    select
        label_kind,
        label_value,
        label_text,
        sort_order
    from labels
    where label_kind <> 'grade'
    union all
    select
        label_kind,
        label_value,
        label_text,
        sort_order
    from grade_labels
)

select * from final
