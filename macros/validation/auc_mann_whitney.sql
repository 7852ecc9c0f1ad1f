{#- The AUC of one or more scores (mart_scoring_performance): the probability that a
    random positive row (label true, e.g. converted) scores higher than a random negative one, ties
    counting one half. Computed from ranks (Mann-Whitney U), in one pass and without pairing rows:

        AUC = (Σ average rank of the positives − n1 (n1 + 1) / 2) / (n1 × n0)

    where tied scores share the average of their ranks. Rows whose label or score is null are left
    out (per score); the AUC is null when either group is empty. The halves are doubles (a
    decimal literal 2.0 would make Spark divide decimals, at 6 places). Renders a complete
    `select` with one row per group (one row in all without group_by) and a column
    `<score>_auc` per score, to be used as a CTE body: `with auc as ({{ auc_mann_whitney(
    'population', ['lead_score'], 'is_converted') }})`. -#}
{% macro auc_mann_whitney(relation, score_columns, label_column, group_by=[]) -%}
    {{ return(adapter.dispatch('auc_mann_whitney', 'lead_scoring')(
        relation, score_columns, label_column, group_by)) }}
{%- endmacro %}

{% macro default__auc_mann_whitney(relation, score_columns, label_column, group_by=[]) -%}
    {%- set partition = group_by | list -%}
    select
        {%- for column in partition %}
        {{ column }},
        {%- endfor %}
        {%- for score in score_columns %}
        case
            when sum(case when is_positive and {{ score }} is not null then 1 else 0 end) = 0
                or sum(case when not is_positive and {{ score }} is not null then 1 else 0 end) = 0
                then null
            else cast(
                (
                    sum(case when is_positive then {{ score }}__rank end)
                    - sum(case when is_positive and {{ score }} is not null then 1 else 0 end)
                    * (sum(case when is_positive and {{ score }} is not null then 1 else 0 end) + 1)
                    / cast(2 as {{ scoring_type_double() }})
                )
                / (
                    sum(case when is_positive and {{ score }} is not null then 1 else 0 end)
                    * sum(case when not is_positive and {{ score }} is not null then 1 else 0 end)
                ) as {{ scoring_type_double() }}
            )
        end as {{ score }}_auc
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from (
        select
            {%- for column in partition %}
            {{ column }},
            {%- endfor %}
            {{ label_column }} as is_positive,
            {%- for score in score_columns %}
            {{ score }},
            -- the average rank of the score among the rows of its group with a score: rank of
            -- the first of its ties + (number of ties − 1) / 2
            case
                when {{ score }} is not null then
                    rank() over (
                        partition by
                            {%- for column in partition %} {{ column }},{% endfor %}
                            case when {{ score }} is null then 1 else 0 end
                        order by {{ score }}
                    )
                    + (count(*) over (
                        partition by {% for column in partition %}{{ column }}, {% endfor %}{{ score }}
                    ) - 1) / cast(2 as {{ scoring_type_double() }})
            end as {{ score }}__rank
            {%- if not loop.last %},{% endif %}
            {%- endfor %}
        from {{ relation }}
        where {{ label_column }} is not null
    ) as ranked
    {%- if partition %}
    group by {{ partition | join(', ') }}
    {%- endif %}
{%- endmacro %}
