{%- set stages = lifecycle_stages() -%}

-- The labels seed and the codes of the marts agree (dim_scoring_labels): the lifecycle_stage rows
-- are exactly the stages of the macro lifecycle_stages() with sort_order = their rank (the macro
-- is the one definition of the stages; the seed only labels them), and every stage, quadrant and
-- grade that fct_lead_scores uses has a label. One row per problem.
with labels as (
    select * from {{ ref('dim_scoring_labels') }}
),

scores as (
    select * from {{ ref('fct_lead_scores') }}
),

stages as (
    {% for stage in stages %}
        select
            '{{ stage }}' as stage_name,
            {{ loop.index }} as stage_rank
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

stage_labels as (
    select * from labels
    where label_kind = 'lifecycle_stage'
),

stage_problems as (
    select
        coalesce(stages.stage_name, stage_labels.label_value) as code,
        case
            when stage_labels.label_value is null then 'stage without a label in scoring_labels.csv'
            when stages.stage_name is null then 'label for a stage that does not exist'
            else 'sort_order of the stage is not its rank in lifecycle_stages()'
        end as problem
    from stages
    full outer join stage_labels
        on stages.stage_name = stage_labels.label_value
    where stage_labels.label_value is null
        or stages.stage_name is null
        or stage_labels.sort_order <> stages.stage_rank
),

used_codes as (
    select distinct
        'quadrant' as label_kind,
        quadrant as code
    from scores
    union all
    select distinct
        'lifecycle_stage' as label_kind,
        lifecycle_stage as code
    from scores
    union all
    select distinct
        'grade' as label_kind,
        grade as code
    from scores
),

missing_labels as (
    select
        used_codes.code,
        {{ dbt.concat(["used_codes.label_kind", "' used by fct_lead_scores has no label'"]) }} as problem
    from used_codes
    left join labels
        on used_codes.label_kind = labels.label_kind
            and used_codes.code = labels.label_value
    where labels.label_value is null
)

select * from stage_problems
union all
select * from missing_labels
