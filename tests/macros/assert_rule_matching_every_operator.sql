-- The rule-matching macros against cases worked out by hand, at least one per operator,
-- with nulls and negations: rule_item_matches() on every value item of the case's rule, taken
-- together as the scoring models do (1 when any item matches), then rule_condition_holds().
-- `detail_text` is the attribute or activity detail (lower-cased, trimmed), `detail_number` its
-- numeric reading. Returns every case whose result differs from the expected one.
with cases as (
    select * from (
        values
        ('equals: same text', 'equals', 'software', null, null, null, true),
        ('equals: other text', 'equals', 'media', null, null, null, false),
        ('equals: null matches nothing', 'equals', null, null, null, null, false),
        ('not_equals: other text', 'not_equals', 'media', null, null, null, true),
        ('not_equals: same text', 'not_equals', 'software', null, null, null, false),
        ('not_equals: null matches nothing', 'not_equals', null, null, null, null, false),
        ('in: one of the items', 'in', 'media', null, null, null, true),
        ('in: none of the items', 'in', 'retail', null, null, null, false),
        ('in: null matches nothing', 'in', null, null, null, null, false),
        ('not_in: none of the items', 'not_in', 'retail', null, null, null, true),
        ('not_in: one of the items', 'not_in', 'media', null, null, null, false),
        ('not_in: null matches nothing', 'not_in', null, null, null, null, false),
        ('contains: inside', 'contains', '/pricing/enterprise', null, null, null, true),
        ('contains: not inside', 'contains', '/docs', null, null, null, false),
        ('contains: null', 'contains', null, null, null, null, false),
        ('starts_with: prefix', 'starts_with', 'cpc/google', null, null, null, true),
        ('starts_with: elsewhere', 'starts_with', 'social/cpc/', null, null, null, false),
        ('starts_with: null', 'starts_with', null, null, null, null, false),
        ('ends_with: suffix', 'ends_with', 'wp-roi.pdf', null, null, null, true),
        ('ends_with: elsewhere', 'ends_with', 'pdf-guide.docx', null, null, null, false),
        ('ends_with: null', 'ends_with', null, null, null, null, false),
        ('gte: equal bound', 'gte', '75', 75, 75, null, true),
        ('gte: below', 'gte', '74.9', 74.9, 75, null, false),
        ('gte: null', 'gte', null, null, 75, null, false),
        ('lt: below', 'lt', '24.9', 24.9, 25, null, true),
        ('lt: equal bound', 'lt', '25', 25, 25, null, false),
        ('lt: null', 'lt', null, null, 25, null, false),
        ('between: lower bound included', 'between', '25', 25, 25, 75, true),
        ('between: upper bound excluded', 'between', '75', 75, 25, 75, false),
        ('between: below', 'between', '24', 24, 25, 75, false),
        ('between: null', 'between', null, null, 25, 75, false),
        ('is_null: null', 'is_null', null, null, null, null, true),
        ('is_null: a value', 'is_null', 'x', null, null, null, false),
        ('is_not_null: a value', 'is_not_null', 'x', null, null, null, true),
        ('is_not_null: null', 'is_not_null', null, null, null, null, false),
        ('is_true: true', 'is_true', 'true', null, null, null, true),
        ('is_true: false', 'is_true', 'false', null, null, null, false),
        ('is_true: null', 'is_true', null, null, null, null, false),
        ('is_false: false', 'is_false', 'false', null, null, null, true),
        ('is_false: true', 'is_false', 'true', null, null, null, false),
        ('is_false: null', 'is_false', null, null, null, null, false),
        ('no operator: every activity', null, '/anything', null, null, null, true),
        ('no operator: also a null detail', null, null, null, null, null, true)
    ) as cases (  -- noqa: AL05
        case_name, operator_name, detail_text, detail_number, rule_number, rule_number_to,
        expected_holds
    )
),

-- the value items of each case's rule (int_scoring__rule_values: one per `|` item of in /
-- not_in, the whole value otherwise, null for a rule without value)
rule_items as (
    select * from (
        values
        ('equals: same text', 'software'),
        ('equals: other text', 'software'),
        ('equals: null matches nothing', 'software'),
        ('not_equals: other text', 'software'),
        ('not_equals: same text', 'software'),
        ('not_equals: null matches nothing', 'software'),
        ('in: one of the items', 'software'),
        ('in: one of the items', 'media'),
        ('in: none of the items', 'software'),
        ('in: none of the items', 'media'),
        ('in: null matches nothing', 'software'),
        ('in: null matches nothing', 'media'),
        ('not_in: none of the items', 'software'),
        ('not_in: none of the items', 'media'),
        ('not_in: one of the items', 'software'),
        ('not_in: one of the items', 'media'),
        ('not_in: null matches nothing', 'software'),
        ('not_in: null matches nothing', 'media'),
        ('contains: inside', 'pricing'),
        ('contains: not inside', 'pricing'),
        ('contains: null', 'pricing'),
        ('starts_with: prefix', 'cpc/'),
        ('starts_with: elsewhere', 'cpc/'),
        ('starts_with: null', 'cpc/'),
        ('ends_with: suffix', '.pdf'),
        ('ends_with: elsewhere', '.pdf'),
        ('ends_with: null', '.pdf'),
        ('gte: equal bound', '75'),
        ('gte: below', '75'),
        ('gte: null', '75'),
        ('lt: below', '25'),
        ('lt: equal bound', '25'),
        ('lt: null', '25'),
        ('between: lower bound included', '25'),
        ('between: upper bound excluded', '25'),
        ('between: below', '25'),
        ('between: null', '25'),
        ('is_null: null', null),
        ('is_null: a value', null),
        ('is_not_null: a value', null),
        ('is_not_null: null', null),
        ('is_true: true', null),
        ('is_true: false', null),
        ('is_true: null', null),
        ('is_false: false', null),
        ('is_false: true', null),
        ('is_false: null', null),
        ('no operator: every activity', null),
        ('no operator: also a null detail', null)
    ) as rule_items (case_name, value_item)  -- noqa: AL05
),

typed_cases as (
    select
        case_name,
        operator_name,
        detail_text,
        cast(detail_number as {{ scoring_type_double() }}) as detail_number,
        cast(rule_number as {{ scoring_type_double() }}) as rule_number,
        cast(rule_number_to as {{ scoring_type_double() }}) as rule_number_to,
        expected_holds
    from cases
),

item_matches as (
    select
        typed_cases.case_name,
        max(
            case
                when {{ rule_item_matches(
                    'typed_cases.operator_name', 'typed_cases.detail_text', 'typed_cases.detail_number',
                    'rule_items.value_item', 'typed_cases.rule_number', 'typed_cases.rule_number_to') }}
                    then 1
                else 0
            end
        ) as any_item_matches
    from typed_cases
    inner join rule_items
        on typed_cases.case_name = rule_items.case_name
    group by typed_cases.case_name
),

results as (
    select
        typed_cases.case_name,
        typed_cases.expected_holds,
        {{ rule_condition_holds(
            'typed_cases.operator_name', 'typed_cases.detail_text', 'item_matches.any_item_matches') }}
            as actual_holds
    from typed_cases
    left join item_matches
        on typed_cases.case_name = item_matches.case_name
)

select *
from results
where actual_holds is null or actual_holds != expected_holds
