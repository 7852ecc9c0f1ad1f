{#- Rule matching. Rules are applied as data: the operator, value and value_to come from
    columns of the joined seed tables, never from seed text pasted into SQL, so a rule value that
    looks like SQL is only a string that matches nothing.

    A rule's value list is exploded into one row per item (int_scoring__rule_values); the item
    condition below is evaluated per item, and rule_condition_holds() aggregates the items of one
    rule and one attribute value (or activity). -#}

{#- True when one value item satisfies the operator. `value_text` and `item` are lower-cased and
    trimmed; `value_number` is the numeric reading of the attribute or activity detail.
    For not_equals / not_in this returns whether the item EQUALS the value; the negation happens
    in rule_condition_holds(), over all items of the rule. -#}
{% macro rule_item_matches(operator, value_text, value_number, item, rule_number, rule_number_to) -%}
    {{ return(adapter.dispatch('rule_item_matches', 'lead_scoring')(
        operator, value_text, value_number, item, rule_number, rule_number_to)) }}
{%- endmacro %}

{% macro default__rule_item_matches(operator, value_text, value_number, item, rule_number, rule_number_to) -%}
    coalesce(
        case
            when {{ operator }} is null then true
            when {{ operator }} = 'is_null' then {{ value_text }} is null
            when {{ operator }} = 'is_not_null' then {{ value_text }} is not null
            when {{ value_text }} is null then false
            when {{ operator }} in ('equals', 'not_equals', 'in', 'not_in')
                then {{ value_text }} = {{ item }}
            when {{ operator }} = 'contains'
                then {{ dbt.position(item, value_text) }} > 0
            when {{ operator }} = 'starts_with'
                then substring({{ value_text }}, 1, {{ dbt.length(item) }}) = {{ item }}
            when {{ operator }} = 'ends_with'
                then {{ dbt.right(value_text, dbt.length(item)) }} = {{ item }}
            when {{ operator }} = 'gte' then {{ value_number }} >= {{ rule_number }}
            when {{ operator }} = 'lt' then {{ value_number }} < {{ rule_number }}
            when {{ operator }} = 'between'
                then {{ value_number }} >= {{ rule_number }} and {{ value_number }} < {{ rule_number_to }}
            when {{ operator }} = 'is_true' then {{ value_text }} = 'true'
            when {{ operator }} = 'is_false' then {{ value_text }} = 'false'
            else false
        end,
        false
    )
{%- endmacro %}

{#- Whether the rule holds, given the items of the rule evaluated with rule_item_matches() and
    aggregated as `max(case when <item matches> then 1 else 0 end)` (any_item_matches). A null
    value matches only is_null: the negated operators need a value. -#}
{% macro rule_condition_holds(operator, value_text, any_item_matches) -%}
    case
        when {{ operator }} in ('not_equals', 'not_in')
            then {{ value_text }} is not null and {{ any_item_matches }} = 0
        else {{ any_item_matches }} = 1
    end
{%- endmacro %}

{#- Weight of a day in the running sums of decay: 0.5 ^ ((reference − day) / half_life_days),
    1 without a half-life. `points × weight(day) / weight(d)` is the points of `day` decayed to day d,
    so a running sum of weighted points read on day d gives the decayed total in one pass. -#}
{% macro decay_weight(reference_date, day, half_life_days) -%}
    case
        when {{ half_life_days }} is null then 1
        else power(0.5, {{ dbt.datediff(day, reference_date, 'day') }} / {{ half_life_days }})
    end
{%- endmacro %}

{#- Per-rule cap that keeps the sign: sign(total) × min(|total|, max_points). -#}
{% macro capped_points(total, max_points) -%}
    case
        when {{ max_points }} is null then {{ total }}
        when {{ total }} < 0 then -1 * least(-1 * {{ total }}, {{ max_points }})
        else least({{ total }}, {{ max_points }})
    end
{%- endmacro %}

{#- The ordered lifecycle stages, lowest first: the product's contract, not a weight. -#}
{% macro lifecycle_stages() -%}
    {{ return(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer']) }}
{%- endmacro %}

{% macro lifecycle_stage_rank(stage) -%}
    case {{ stage }}
    {%- for name in lifecycle_stages() %}
        when '{{ name }}' then {{ loop.index }}
    {%- endfor %}
    end
{%- endmacro %}

{% macro lifecycle_stage_name(rank) -%}
    case {{ rank }}
    {%- for name in lifecycle_stages() %}
        when {{ loop.index }} then '{{ name }}'
    {%- endfor %}
    end
{%- endmacro %}
