{#- The translation of a connector's words by seeds/connector_values.csv (SPEC §1b.2 [D3]): a select
    of (source_text, mapped_value), one row per distinct value of `column` in `relation` that a
    row of the seed for `connector` and `field` matches: `equals` the whole value, `contains` a
    substring, both case-insensitive and trimmed; the lowest priority wins (then the smallest
    mapped value, so the choice never depends on row order). source_text is the value lower-cased
    and trimmed: join it to lower(trim(column)). Values no row matches are not in the result; the
    caller says what they become (lead_source: the value itself; a type: null). The seed is read
    as data (a join), never as SQL. -#}
{% macro connector_value_matches(relation, column, connector, field) -%}
    select
        ranked_matches.source_text,
        ranked_matches.mapped_value
    from (
        select
            distinct_values.source_text,
            connector_values.mapped_value,
            row_number() over (
                partition by distinct_values.source_text
                order by connector_values.priority, connector_values.mapped_value
            ) as match_rank
        from (
            select distinct lower(trim({{ column }})) as source_text
            from {{ relation }}
            where {{ column }} is not null
        ) as distinct_values
        inner join {{ ref('int_connector__values') }} as connector_values
            on
                connector_values.connector = '{{ connector }}'
                and connector_values.field = '{{ field }}'
                and (
                    (connector_values.operator = 'equals' and distinct_values.source_text = connector_values.source_value)
                    or (
                        connector_values.operator = 'contains'
                        and {{ dbt.position('connector_values.source_value', 'distinct_values.source_text') }} > 0
                    )
                )
    ) as ranked_matches
    where ranked_matches.match_rank = 1
{%- endmacro %}
