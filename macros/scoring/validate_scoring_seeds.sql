{#- Validation and typing of the scoring seeds (SPEC §3).

    The seeds are loaded as text (seeds/_seeds.yml), so a bad value such as points 'ten' reaches
    this validation instead of breaking the seed load. validate_scoring_seeds() runs one portable
    query that lists every problem of the given seeds and fails the calling model with all of them,
    one per line, each naming the file, the rule_id / setting / grade and what is wrong:

        scoring_fit_rules.csv rule_id 'F07': unknown operator 'equal' (allowed: equals, ...)

    The typed seed models (models/intermediate/scoring/seeds/) call it, so no scoring model runs on
    bad seeds. Seed text is only ever read as data by these queries, never pasted into SQL. -#}


{#- The product contract of the seeds (SPEC §2, §3): allowed attributes, activities, operators,
    levels, seniorities and settings. Kinds: 'number' attributes / activity details compare with
    gte, lt and between; 'boolean' ones with is_true and is_false; every kind with the rest. -#}
{% macro scoring_seed_contract() %}
    {{ return({
        'fit_levels': ['organization', 'contact', 'situational'],
        'fit_attributes': {
            'industry': 'text',
            'employee_count': 'number',
            'annual_revenue': 'number',
            'company_country': 'text',
            'country': 'text',
            'job_title': 'text',
            'seniority': 'text',
            'department': 'text',
            'education_level': 'text',
            'email_domain': 'text',
            'is_free_email': 'boolean',
            'lead_source': 'text',
            'email_opt_out': 'boolean',
            'budget_status': 'text',
            'purchase_timeline': 'text',
            'has_existing_solution': 'boolean',
        },
        'interest_activities': {
            'page_view': 'text',
            'link_click': 'text',
            'video_view': 'number',
            'content_download': 'text',
            'newsletter_signup': 'text',
            'contact_request': 'text',
            'demo_request': 'text',
            'event_registration': 'text',
            'event_attendance': 'text',
            'email_open': 'text',
            'email_click': 'text',
            'email_reply': 'text',
            'email_unsubscribe': 'text',
            'email_bounce': 'text',
            'campaign_click': 'text',
        },
        'operators': ['equals', 'not_equals', 'in', 'not_in', 'contains', 'starts_with', 'ends_with',
                      'gte', 'lt', 'between', 'is_null', 'is_not_null', 'is_true', 'is_false'],
        'operators_needing_value': ['equals', 'not_equals', 'in', 'not_in', 'contains', 'starts_with',
                                    'ends_with', 'gte', 'lt', 'between'],
        'list_operators': ['in', 'not_in'],
        'number_operators': ['gte', 'lt', 'between'],
        'boolean_operators': ['is_true', 'is_false'],
        'seniorities': ['c_level', 'vp_director', 'manager', 'individual', 'student'],
        'number_settings': ['mql_threshold', 'sql_threshold', 'fit_weight', 'interest_weight',
                            'fit_high_threshold', 'interest_high_threshold', 'interest_max',
                            'inactivity_days', 'inactivity_points', 'conversion_window_days'],
        'optional_settings': ['interest_max'],
        'text_settings': ['mql_min_grade'],
        'max_list_items': 1000,
    }) }}
{% endmacro %}


{#- Seed text as the project reads it: trimmed, empty = null. -#}
{% macro scoring_seed_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}

{#- Seed text lower-cased (attributes, operators, values: matching is case-insensitive). -#}
{% macro scoring_seed_lower(expression) -%}
    lower({{ scoring_seed_text(expression) }})
{%- endmacro %}

{#- The double-precision type (dbt.type_float() is a 4-byte float on DuckDB). -#}
{% macro scoring_type_double() -%}
    {{ return(adapter.dispatch('scoring_type_double', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__scoring_type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__scoring_type_double() -%}
    double
{%- endmacro %}

{#- Seed text as a double, null when empty or not a number (never an error). -#}
{% macro scoring_seed_number(expression) -%}
    {{ return(adapter.dispatch('scoring_seed_number', 'lead_scoring')(scoring_seed_text(expression))) }}
{%- endmacro %}

{% macro default__scoring_seed_number(text_expression) -%}
    {{ dbt.safe_cast(text_expression, scoring_type_double()) }}
{%- endmacro %}

{% macro duckdb__scoring_seed_number(text_expression) -%}
    try_cast({{ text_expression }} as {{ scoring_type_double() }})
{%- endmacro %}

{% macro spark__scoring_seed_number(text_expression) -%}
    try_cast({{ text_expression }} as {{ scoring_type_double() }})
{%- endmacro %}

{#- PostgreSQL has no safe cast: cast only what reads as a decimal number. -#}
{% macro postgres__scoring_seed_number(text_expression) -%}
    case
        when {{ text_expression }} ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$'
            then cast({{ text_expression }} as {{ scoring_type_double() }})
    end
{%- endmacro %}

{#- Seed text as a boolean: true/t/1/yes/y and false/f/0/no/n, anything else null. -#}
{% macro scoring_seed_boolean(expression) -%}
    case
        when {{ scoring_seed_lower(expression) }} in ('true', 't', '1', 'yes', 'y') then true
        when {{ scoring_seed_lower(expression) }} in ('false', 'f', '0', 'no', 'n') then false
    end
{%- endmacro %}

{#- Part `part_number` (1-based, may be a column) of a text split on a one-character delimiter.
    dbt-spark's split_part needs a literal part number, hence the override. -#}
{% macro scoring_split_part(string_text, delimiter_character, part_number) -%}
    {{ return(adapter.dispatch('scoring_split_part', 'lead_scoring')(string_text, delimiter_character, part_number)) }}
{%- endmacro %}

{% macro default__scoring_split_part(string_text, delimiter_character, part_number) -%}
    {{ dbt.split_part(string_text, "'" ~ delimiter_character ~ "'", part_number) }}
{%- endmacro %}

{% macro spark__scoring_split_part(string_text, delimiter_character, part_number) -%}
    element_at(split({{ string_text }}, '[{{ delimiter_character }}]'), {{ part_number }})
{%- endmacro %}


{#- ---------------------------------------------------------------------------------------------
    Problem queries. Each returns rows (seed_file, key_name, key_value, problem), all text.
    --------------------------------------------------------------------------------------------- -#}

{% macro _ssv_sql_list(values) -%}
    ({% for value in values %}'{{ value }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}

{#- 'text' quoted for a message (null shows as ''). -#}
{% macro _ssv_quoted(expression) -%}
    {{ dbt.concat(["''''", "coalesce(" ~ expression ~ ", '')", "''''"]) }}
{%- endmacro %}

{% macro _ssv_check(seed_file, key_name, key_expression, problem_expression, from_sql, condition) -%}
    select
        cast('{{ seed_file }}' as {{ dbt.type_string() }}) as seed_file,
        cast('{{ key_name }}' as {{ dbt.type_string() }}) as key_name,
        cast({{ key_expression }} as {{ dbt.type_string() }}) as key_value,
        cast({{ problem_expression }} as {{ dbt.type_string() }}) as problem
    from {{ from_sql }}
    where {{ condition }}
{%- endmacro %}

{#- Checks shared by fit and interest rules: rule_id, operator, value, value_to, points. -#}
{% macro _ssv_rule_checks(seed_file, rules_sql, subject_column, subject_kinds, operator_required) %}
    {%- set contract = scoring_seed_contract() -%}
    {%- set checks = [] -%}
    {%- set number_subjects = [] -%}
    {%- set boolean_subjects = [] -%}
    {%- for name, kind in subject_kinds.items() -%}
        {%- if kind == 'number' %}{% do number_subjects.append(name) %}{% endif -%}
        {%- if kind == 'boolean' %}{% do boolean_subjects.append(name) %}{% endif -%}
    {%- endfor -%}
    {%- set subject_label = 'attribute' if subject_column == 'attribute_value' else 'activity' -%}

    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'rule_id is missing (" ~ subject_label ~ " '", _ssv_quoted(subject_column), "')'"]),
        rules_sql, 'rule_id is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'min(rule_id)',
        dbt.concat(["'duplicate rule_id (used by '", "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rules)'"]),
        rules_sql, 'rule_id is not null group by lower(rule_id) having count(*) > 1')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        "'" ~ subject_label ~ " is missing'", rules_sql, subject_column ~ ' is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'unknown " ~ subject_label ~ " '", _ssv_quoted(subject_column),
                    "' (allowed: " ~ subject_kinds.keys() | list | join(', ') ~ ")'"]),
        rules_sql, subject_column ~ ' not in ' ~ _ssv_sql_list(subject_kinds.keys() | list))) -%}
    {%- if operator_required -%}
        {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
            "'operator is missing (allowed: " ~ contract.operators | join(', ') ~ ")'",
            rules_sql, 'operator_value is null')) -%}
    {%- endif -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'unknown operator '", _ssv_quoted('operator_value'),
                    "' (allowed: " ~ contract.operators | join(', ') ~ ")'"]),
        rules_sql, 'operator_value not in ' ~ _ssv_sql_list(contract.operators))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'value is missing (operator '", _ssv_quoted('operator_value'), "' needs one)'"]),
        rules_sql, 'value_value is null and operator_value in ' ~ _ssv_sql_list(contract.operators_needing_value))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'value '", _ssv_quoted('value_value'), "' is not a number (operator '",
                    _ssv_quoted('operator_value'), "' compares numbers)'"]),
        rules_sql, 'value_value is not null and value_number is null and operator_value in '
            ~ _ssv_sql_list(contract.number_operators))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        "'operator ''between'' needs value_to (it matches value <= x < value_to)'",
        rules_sql, "value_to_value is null and operator_value = 'between'")) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'value_to '", _ssv_quoted('value_to_value'), "' is not a number'"]),
        rules_sql, 'value_to_value is not null and value_to_number is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'value_to '", _ssv_quoted('value_to_value'), "' must be greater than value '",
                    _ssv_quoted('value_value'), "' (between matches value <= x < value_to)'"]),
        rules_sql, "operator_value = 'between' and value_to_number <= value_number")) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'value lists more than " ~ contract.max_list_items ~ " items (operator '",
                    _ssv_quoted('operator_value'), "')'"]),
        rules_sql, 'operator_value in ' ~ _ssv_sql_list(contract.list_operators)
            ~ ' and ' ~ dbt.length('value_value') ~ ' - ' ~ dbt.length(dbt.replace('value_value', "'|'", "''"))
            ~ ' >= ' ~ contract.max_list_items)) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        "'points is missing (write 0 for no points)'", rules_sql, 'points_value is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'points '", _ssv_quoted('points_value'), "' is not a number'"]),
        rules_sql, 'points_value is not null and points_number is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'operator '", _ssv_quoted('operator_value'), "' compares numbers, but " ~ subject_label ~ " '",
                    _ssv_quoted(subject_column), "' is not numeric (numeric: " ~ (number_subjects | join(', ') or 'none') ~ ")'"]),
        rules_sql, 'operator_value in ' ~ _ssv_sql_list(contract.number_operators)
            ~ ' and ' ~ subject_column ~ ' in ' ~ _ssv_sql_list(subject_kinds.keys() | list)
            ~ (' and ' ~ subject_column ~ ' not in ' ~ _ssv_sql_list(number_subjects) if number_subjects else ''))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'operator '", _ssv_quoted('operator_value'), "' needs a true/false " ~ subject_label ~ ", but '",
                    _ssv_quoted(subject_column), "' is not one (true/false: " ~ (boolean_subjects | join(', ') or 'none') ~ ")'"]),
        rules_sql, 'operator_value in ' ~ _ssv_sql_list(contract.boolean_operators)
            ~ ' and ' ~ subject_column ~ ' in ' ~ _ssv_sql_list(subject_kinds.keys() | list)
            ~ (' and ' ~ subject_column ~ ' not in ' ~ _ssv_sql_list(boolean_subjects) if boolean_subjects else ''))) -%}
    {{ return(checks) }}
{% endmacro %}

{% macro _ssv_fit_rules_problems(relation, interest_relation) %}
    {%- set contract = scoring_seed_contract() -%}
    {%- set seed_file = 'scoring_fit_rules.csv' -%}
    {%- set rules_sql -%}
    (
        select
            {{ scoring_seed_text('rule_id') }} as rule_id,
            {{ scoring_seed_lower('level') }} as level_value,
            {{ scoring_seed_lower('attribute') }} as attribute_value,
            {{ scoring_seed_lower('operator') }} as operator_value,
            {{ scoring_seed_text('value') }} as value_value,
            {{ scoring_seed_number('value') }} as value_number,
            {{ scoring_seed_text('value_to') }} as value_to_value,
            {{ scoring_seed_number('value_to') }} as value_to_number,
            {{ scoring_seed_text('points') }} as points_value,
            {{ scoring_seed_number('points') }} as points_number,
            {{ scoring_seed_text('disqualify') }} as disqualify_value,
            {{ scoring_seed_boolean('disqualify') }} as is_disqualifying
        from {{ relation }}
    ) as fit_rules
    {%- endset -%}
    {%- set checks = _ssv_rule_checks(seed_file, rules_sql, 'attribute_value', contract.fit_attributes, true) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        "'level is missing (allowed: " ~ contract.fit_levels | join(', ') ~ ")'", rules_sql, 'level_value is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'unknown level '", _ssv_quoted('level_value'), "' (allowed: " ~ contract.fit_levels | join(', ') ~ ")'"]),
        rules_sql, 'level_value not in ' ~ _ssv_sql_list(contract.fit_levels))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'disqualify '", _ssv_quoted('disqualify_value'), "' must be true or false (empty = false)'"]),
        rules_sql, 'disqualify_value is not null and is_disqualifying is null')) -%}
    {%- if interest_relation is not none -%}
        {%- set overlap_sql -%}
        (
            select fit_ids.rule_id
            from (select {{ scoring_seed_text('rule_id') }} as rule_id from {{ relation }}) as fit_ids
            inner join (select {{ scoring_seed_text('rule_id') }} as rule_id from {{ interest_relation }}) as interest_ids
                on lower(fit_ids.rule_id) = lower(interest_ids.rule_id)
        ) as shared_ids
        {%- endset -%}
        {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
            "'rule_id is also used in scoring_interest_rules.csv (rule_ids must be unique across both files)'",
            overlap_sql, '1 = 1')) -%}
    {%- endif -%}
    {{ return(checks) }}
{% endmacro %}

{% macro _ssv_interest_rules_problems(relation) %}
    {%- set contract = scoring_seed_contract() -%}
    {%- set seed_file = 'scoring_interest_rules.csv' -%}
    {%- set rules_sql -%}
    (
        select
            {{ scoring_seed_text('rule_id') }} as rule_id,
            {{ scoring_seed_lower('activity') }} as activity_value,
            {{ scoring_seed_lower('operator') }} as operator_value,
            {{ scoring_seed_text('value') }} as value_value,
            {{ scoring_seed_number('value') }} as value_number,
            {{ scoring_seed_text('value_to') }} as value_to_value,
            {{ scoring_seed_number('value_to') }} as value_to_number,
            {{ scoring_seed_text('points') }} as points_value,
            {{ scoring_seed_number('points') }} as points_number,
            {{ scoring_seed_text('max_points') }} as max_points_value,
            {{ scoring_seed_number('max_points') }} as max_points_number,
            {{ scoring_seed_text('half_life_days') }} as half_life_days_value,
            {{ scoring_seed_number('half_life_days') }} as half_life_days_number,
            {{ scoring_seed_text('window_days') }} as window_days_value,
            {{ scoring_seed_number('window_days') }} as window_days_number
        from {{ relation }}
    ) as interest_rules
    {%- endset -%}
    {%- set checks = _ssv_rule_checks(seed_file, rules_sql, 'activity_value', contract.interest_activities, false) -%}
    {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
        dbt.concat(["'value '", _ssv_quoted('value_value'),
                    "' is given but the operator is empty (an empty operator matches every activity of that kind; add an operator or clear the value)'"]),
        rules_sql, 'operator_value is null and value_value is not null')) -%}
    {%- for column, rule in [('max_points', 'must not be negative'), ('half_life_days', 'must be greater than 0'),
                             ('window_days', 'must be greater than 0')] -%}
        {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
            dbt.concat(["'" ~ column ~ " '", _ssv_quoted(column ~ '_value'), "' is not a number (empty = none)'"]),
            rules_sql, column ~ '_value is not null and ' ~ column ~ '_number is null')) -%}
        {%- do checks.append(_ssv_check(seed_file, 'rule_id', 'rule_id',
            dbt.concat(["'" ~ column ~ " '", _ssv_quoted(column ~ '_value'), "' " ~ rule ~ "'"]),
            rules_sql, column ~ '_number ' ~ ('< 0' if column == 'max_points' else '<= 0'))) -%}
    {%- endfor -%}
    {{ return(checks) }}
{% endmacro %}

{% macro _ssv_grades_sql(relation) -%}
    (
        select
            {{ scoring_seed_text('grade') }} as grade,
            {{ scoring_seed_text('min_fit_score') }} as min_fit_score_value,
            {{ scoring_seed_number('min_fit_score') }} as min_fit_score
        from {{ relation }}
    )
{%- endmacro %}

{% macro _ssv_grades_problems(relation) %}
    {%- set seed_file = 'scoring_grades.csv' -%}
    {%- set grades_sql = _ssv_grades_sql(relation) ~ ' as grades' -%}
    {%- set checks = [] -%}
    {%- do checks.append(_ssv_check(seed_file, 'grade', 'grade',
        dbt.concat(["'grade is missing (min_fit_score '", _ssv_quoted('min_fit_score_value'), "')'"]),
        grades_sql, 'grade is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'grade', 'min(grade)',
        dbt.concat(["'grades not strictly ordered: duplicate grade (used by '",
                    "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rows)'"]),
        grades_sql, 'grade is not null group by lower(grade) having count(*) > 1')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'grade', 'grade', "'min_fit_score is missing'",
        grades_sql, 'min_fit_score_value is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'grade', 'grade',
        dbt.concat(["'min_fit_score '", _ssv_quoted('min_fit_score_value'), "' is not a number'"]),
        grades_sql, 'min_fit_score_value is not null and min_fit_score is null')) -%}
    {%- set shared_sql -%}
    (
        select grades.grade, grades.min_fit_score_value
        from {{ _ssv_grades_sql(relation) }} as grades
        inner join {{ _ssv_grades_sql(relation) }} as other_grades
            on grades.min_fit_score = other_grades.min_fit_score
            and lower(coalesce(grades.grade, '')) <> lower(coalesce(other_grades.grade, ''))
    ) as shared_scores
    {%- endset -%}
    {%- do checks.append(_ssv_check(seed_file, 'grade', 'min(grade)',
        dbt.concat(["'grades not strictly ordered: min_fit_score '", _ssv_quoted('min(min_fit_score_value)'),
                    "' is used by another grade too'"]),
        shared_sql, '1 = 1 group by grade')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'grade', 'grade',
        dbt.concat(["'min_fit_score '", _ssv_quoted('min_fit_score_value'), "' is above 100 and can never be reached'"]),
        grades_sql, 'min_fit_score > 100')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'grade', "'(lowest)'",
        "'no grade has min_fit_score 0 or lower, so low fit scores get no grade (add e.g. F,0)'",
        '(select 1 as dummy) as one_row',
        'not exists (select 1 from ' ~ grades_sql ~ ' where min_fit_score <= 0)')) -%}
    {{ return(checks) }}
{% endmacro %}

{% macro _ssv_settings_problems(relation, grades_relation) %}
    {%- set contract = scoring_seed_contract() -%}
    {%- set seed_file = 'scoring_settings.csv' -%}
    {%- set known = contract.number_settings + contract.text_settings -%}
    {%- set settings_inner -%}
        select
            {{ scoring_seed_lower('key') }} as setting_key,
            {{ scoring_seed_text('value') }} as setting_value,
            {{ scoring_seed_number('value') }} as setting_number
        from {{ relation }}
    {%- endset -%}
    {%- set settings_sql = '(' ~ settings_inner ~ ') as settings' -%}
    {%- set checks = [] -%}
    {%- do checks.append(_ssv_check(seed_file, 'setting', 'setting_key',
        "'unknown setting (allowed: " ~ known | join(', ') ~ ")'",
        settings_sql, 'setting_key not in ' ~ _ssv_sql_list(known))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'setting', "''",
        dbt.concat(["'setting key is missing (value '", _ssv_quoted('setting_value'), "')'"]),
        settings_sql, 'setting_key is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'setting', 'setting_key',
        dbt.concat(["'duplicate setting (used by '", "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rows)'"]),
        settings_sql, 'setting_key is not null group by setting_key having count(*) > 1')) -%}
    {%- for key in known if key not in contract.optional_settings -%}
        {%- do checks.append(_ssv_check(seed_file, 'setting', "'" ~ key ~ "'",
            "'missing setting (add a row " ~ key ~ ",<value>)'",
            '(select 1 as dummy) as one_row',
            'not exists (select 1 from ' ~ settings_sql ~ " where setting_key = '" ~ key ~ "')")) -%}
    {%- endfor -%}
    {%- do checks.append(_ssv_check(seed_file, 'setting', 'setting_key', "'value is missing'",
        settings_sql, 'setting_value is null and setting_key in '
            ~ _ssv_sql_list(known | reject('in', contract.optional_settings) | list))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'setting', 'setting_key',
        dbt.concat(["'value '", _ssv_quoted('setting_value'), "' is not a number'"]),
        settings_sql, 'setting_value is not null and setting_number is null and setting_key in '
            ~ _ssv_sql_list(contract.number_settings))) -%}
    {%- for key, condition, rule in [
            ('fit_weight', '< 0', 'must not be negative'),
            ('interest_weight', '< 0', 'must not be negative'),
            ('interest_max', '<= 0', 'must be greater than 0 (empty = no maximum)'),
            ('inactivity_days', '<= 0', 'must be greater than 0'),
            ('conversion_window_days', '<= 0', 'must be greater than 0')] -%}
        {%- do checks.append(_ssv_check(seed_file, 'setting', 'setting_key',
            dbt.concat(["'value '", _ssv_quoted('setting_value'), "' " ~ rule ~ "'"]),
            settings_sql, "setting_key = '" ~ key ~ "' and setting_number " ~ condition)) -%}
    {%- endfor -%}
    {%- set thresholds_sql -%}
    (
        select
            max(case when setting_key = 'mql_threshold' then setting_value end) as mql_value,
            max(case when setting_key = 'mql_threshold' then setting_number end) as mql_number,
            max(case when setting_key = 'sql_threshold' then setting_value end) as sql_value,
            max(case when setting_key = 'sql_threshold' then setting_number end) as sql_number
        from ({{ settings_inner }}) as settings
    ) as thresholds
    {%- endset -%}
    {%- do checks.append(_ssv_check(seed_file, 'setting', "'mql_threshold'",
        dbt.concat(["'mql_threshold '", _ssv_quoted('mql_value'), "' must be lower than sql_threshold '",
                    _ssv_quoted('sql_value'), "''"]),
        thresholds_sql, 'mql_number >= sql_number')) -%}
    {%- if grades_relation is not none -%}
        {%- do checks.append(_ssv_check(seed_file, 'setting', 'setting_key',
            dbt.concat(["'unknown mql_min_grade '", _ssv_quoted('setting_value'), "' (not a grade in scoring_grades.csv)'"]),
            settings_sql, "setting_key = 'mql_min_grade' and setting_value is not null and not exists (select 1 from "
                ~ _ssv_grades_sql(grades_relation) ~ ' as grades where lower(grades.grade) = lower(settings.setting_value))')) -%}
    {%- endif -%}
    {{ return(checks) }}
{% endmacro %}

{% macro _ssv_job_title_seniority_problems(relation) %}
    {%- set contract = scoring_seed_contract() -%}
    {%- set seed_file = 'job_title_seniority.csv' -%}
    {%- set patterns_sql -%}
    (
        select
            {{ scoring_seed_lower('pattern') }} as pattern,
            {{ scoring_seed_lower('seniority') }} as seniority,
            {{ scoring_seed_text('priority') }} as priority_value,
            {{ scoring_seed_number('priority') }} as priority_number
        from {{ relation }}
    ) as patterns
    {%- endset -%}
    {%- set checks = [] -%}
    {%- do checks.append(_ssv_check(seed_file, 'pattern', 'pattern',
        dbt.concat(["'pattern is missing (seniority '", _ssv_quoted('seniority'), "')'"]),
        patterns_sql, 'pattern is null')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'pattern', 'min(pattern)',
        dbt.concat(["'duplicate pattern (used by '", "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rows)'"]),
        patterns_sql, 'pattern is not null group by pattern having count(*) > 1')) -%}
    {%- do checks.append(_ssv_check(seed_file, 'pattern', 'pattern',
        dbt.concat(["'unknown seniority '", _ssv_quoted('seniority'), "' (allowed: " ~ contract.seniorities | join(', ') ~ ")'"]),
        patterns_sql, 'coalesce(seniority, \'\') not in ' ~ _ssv_sql_list(contract.seniorities))) -%}
    {%- do checks.append(_ssv_check(seed_file, 'pattern', 'pattern',
        dbt.concat(["'priority '", _ssv_quoted('priority_value'), "' is not a whole number'"]),
        patterns_sql, 'priority_number is null or priority_number <> floor(priority_number)')) -%}
    {{ return(checks) }}
{% endmacro %}


{#- The SQL listing every problem of the given seeds: (seed_file, key_name, key_value, problem). -#}
{% macro scoring_seed_problems_sql(seed_names) %}
    {%- set checks = [] -%}
    {%- if 'scoring_fit_rules' in seed_names -%}
        {%- do checks.extend(_ssv_fit_rules_problems(ref('scoring_fit_rules'), ref('scoring_interest_rules'))) -%}
    {%- endif -%}
    {%- if 'scoring_interest_rules' in seed_names -%}
        {%- do checks.extend(_ssv_interest_rules_problems(ref('scoring_interest_rules'))) -%}
    {%- endif -%}
    {%- if 'scoring_grades' in seed_names -%}
        {%- do checks.extend(_ssv_grades_problems(ref('scoring_grades'))) -%}
    {%- endif -%}
    {%- if 'scoring_settings' in seed_names -%}
        {%- do checks.extend(_ssv_settings_problems(ref('scoring_settings'), ref('scoring_grades'))) -%}
    {%- endif -%}
    {%- if 'job_title_seniority' in seed_names -%}
        {%- do checks.extend(_ssv_job_title_seniority_problems(ref('job_title_seniority'))) -%}
    {%- endif -%}
    {%- if checks | length == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set problems_sql -%}
        select seed_file, key_name, key_value, problem
        from (
            {% for check in checks -%}
            {{ check }}
            {% if not loop.last %}union all{% endif %}
            {% endfor -%}
        ) as problems
        order by seed_file, key_value, problem
    {%- endset -%}
    {{ return(problems_sql) }}
{% endmacro %}


{#- Fails with every problem of the given seeds (default: all validated scoring seeds), one per
    line. Call it at the top of a model that reads the seeds; it renders to nothing. Also usable
    on its own: `dbt run-operation validate_scoring_seeds`. -#}
{% macro validate_scoring_seeds(seed_names=none) %}
    {%- set all_names = ['scoring_fit_rules', 'scoring_interest_rules', 'scoring_grades',
                         'scoring_settings', 'job_title_seniority'] -%}
    {%- set names = all_names if seed_names is none else seed_names -%}
    {%- for name in names if name not in all_names -%}
        {{ exceptions.raise_compiler_error("validate_scoring_seeds: unknown seed '" ~ name ~ "' (known: " ~ all_names | join(', ') ~ ")") }}
    {%- endfor -%}
    {#- Built outside `execute` too, so that dbt records the seeds as dependencies when parsing. -#}
    {%- set problems_sql = scoring_seed_problems_sql(names) -%}
    {%- if execute and problems_sql is not none -%}
        {%- set missing = [] -%}
        {%- for name in names -%}
            {%- set seed_relation = ref(name) -%}
            {%- if adapter.get_relation(database=seed_relation.database, schema=seed_relation.schema,
                                        identifier=seed_relation.identifier) is none -%}
                {%- do missing.append(name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {%- do log("validate_scoring_seeds: seeds not loaded yet (" ~ missing | join(', ') ~ "), validation skipped; run dbt seed / dbt build", info=true) -%}
        {%- else -%}
            {%- set problems = run_query(problems_sql) -%}
            {%- if problems.rows | length > 0 -%}
                {%- set lines = [] -%}
                {%- for row in problems.rows -%}
                    {%- set key = "'" ~ row['key_value'] ~ "'" if row['key_value'] is not none else '(missing)' -%}
                    {%- do lines.append('  ' ~ row['seed_file'] ~ ' ' ~ row['key_name'] ~ ' ' ~ key ~ ': ' ~ row['problem']) -%}
                {%- endfor -%}
                {{ exceptions.raise_compiler_error(
                    "Bad scoring seeds (" ~ lines | length ~ " problem" ~ ('s' if lines | length != 1 else '')
                    ~ "); fix the CSV files in seeds/ and run dbt build again:\n" ~ lines | join('\n')) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
