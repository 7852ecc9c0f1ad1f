{%- set stages = lifecycle_stages() -%}
{%- set pairs = [] -%}
{%- for i in range(stages | length) -%}
    {%- for j in range(i + 1, stages | length) -%}
        {%- do pairs.append((stages[i], stages[j])) -%}
    {%- endfor -%}
{%- endfor -%}
-- A higher stage implies the lower ones, so wherever two stage dates are set they are in
-- stage order (subscriber_at <= lead_at <= mql_at <= sql_at <= opportunity_at <= customer_at),
-- the date of the reported lifecycle_stage is set, and no stage above it has a date.
with scores as (
    select
        contact_id,
        lifecycle_stage,
        {% for stage in stages -%}
            {{ stage }}_at,
        {% endfor -%}
        {{ lifecycle_stage_rank('lifecycle_stage') }} as lifecycle_stage_rank
    from {{ ref('fct_lead_scores') }}
),

dates_out_of_order as (
    {% for earlier, later in pairs -%}
        select
            contact_id,
            '{{ earlier }}_at after {{ later }}_at' as problem
        from scores
        where
            {{ earlier }}_at is not null
            and {{ later }}_at is not null
            and {{ earlier }}_at > {{ later }}_at
        {% if not loop.last %}union all{% endif %}
    {% endfor -%}
),

reported_stage_problems as (
    select
        contact_id,
        case
            when lifecycle_stage_rank is null then 'unknown lifecycle_stage'
            {%- for stage in stages %}
                when lifecycle_stage_rank = {{ loop.index }} and {{ stage }}_at is null
                    then 'lifecycle_stage is {{ stage }} but {{ stage }}_at is null'
            {%- endfor %}
            {%- for stage in stages %}
                when lifecycle_stage_rank < {{ loop.index }} and {{ stage }}_at is not null
                    then 'a stage below {{ stage }} is reported but {{ stage }}_at is set'
            {%- endfor %}
        end as problem
    from scores
),

problems as (
    select
        contact_id,
        problem
    from dates_out_of_order
    union all
    select
        contact_id,
        problem
    from reported_stage_problems
    where problem is not null
)

select * from problems
