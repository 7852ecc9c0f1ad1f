{#- Points as an exact decimal of 9 places, the precision every score is produced at (SPEC §7: two
    builds give the same scores to the last digit, and scores equal in exact arithmetic compare
    equal). Far below the 2 decimals anyone reads, and exact to add: a sum of such parts is the
    same whatever order an engine adds them in (a sum of doubles is not), so two totals equal in
    exact arithmetic are equal. Every part a score sums (a decayed day of a rule, a rule's total,
    a fit rule's points, inactivity) is taken through exact_points before it is added, and the
    result is stored with exact_score. decimal(28, 9) holds any score (up to 10^19) and keeps its
    9 places through Spark's decimal arithmetic (a sum, an addition of two of them, greatest and
    least), which narrows the scale of wider decimals. -#}
{% macro exact_points(expression) -%}
    cast({{ expression }} as decimal(28, 9))
{%- endmacro %}
