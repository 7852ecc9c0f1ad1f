{{ config(materialized='table') }}
{%- set contract = scoring_seed_contract() -%}
{%- set number_activities = [] -%}
{%- set boolean_activities = [] -%}
{%- for name, kind in contract.interest_activities.items() -%}
    {%- if kind == 'number' %}{% do number_activities.append(name) %}{% endif -%}
    {%- if kind == 'boolean' %}{% do boolean_activities.append(name) %}{% endif -%}
{%- endfor -%}
{%- set number_attributes = [] -%}
{%- set boolean_attributes = [] -%}
{%- for name, kind in contract.fit_attributes.items() -%}
    {%- if kind == 'number' %}{% do number_attributes.append(name) %}{% endif -%}
    {%- if kind == 'boolean' %}{% do boolean_attributes.append(name) %}{% endif -%}
{%- endfor -%}
{%- set known_settings = contract.number_settings + contract.text_settings -%}

-- Every problem of the scoring seeds (SPEC §3), one row each: the seed file, what identifies the
-- row (rule_id, grade, setting or pattern) and its value, and what is wrong. One CTE per check.
-- The seeds are read as text and typed safely, so a bad value becomes a problem row, never an
-- error; seed text is only ever compared as data. The allowed values come from the seed contract
-- (macros/scoring/scoring_seed_contract.sql). validate_scoring_seeds() fails the typed seed
-- models with these rows, so no score is computed from bad seeds.

-- seeds, typed ---------------------------------------------------------------------------------
with fit_rules as (
    select
        {{ scoring_seed_text('rule_id') }} as rule_id,
        {{ scoring_seed_lower('level') }} as level_value,
        {{ scoring_seed_lower('attribute') }} as subject,
        {{ scoring_seed_lower('operator') }} as operator_value,
        {{ scoring_seed_text('value') }} as value_value,
        {{ scoring_seed_number('value') }} as value_number,
        {{ scoring_seed_text('value_to') }} as value_to_value,
        {{ scoring_seed_number('value_to') }} as value_to_number,
        {{ scoring_seed_text('points') }} as points_value,
        {{ scoring_seed_number('points') }} as points_number,
        {{ scoring_seed_text('disqualify') }} as disqualify_value,
        {{ scoring_seed_boolean('disqualify') }} as is_disqualifying
    from {{ ref('scoring_fit_rules') }}
),

interest_rules as (
    select
        {{ scoring_seed_text('rule_id') }} as rule_id,
        {{ scoring_seed_lower('activity') }} as subject,
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
    from {{ ref('scoring_interest_rules') }}
),

grades as (
    select
        {{ scoring_seed_text('grade') }} as grade,
        {{ scoring_seed_text('min_fit_score') }} as min_fit_score_value,
        {{ scoring_seed_number('min_fit_score') }} as min_fit_score
    from {{ ref('scoring_grades') }}
),

settings as (
    select
        {{ scoring_seed_lower('key') }} as setting_key,
        {{ scoring_seed_text('value') }} as setting_value,
        {{ scoring_seed_number('value') }} as setting_number
    from {{ ref('scoring_settings') }}
),

seniority_patterns as (
    select
        {{ scoring_seed_lower('pattern') }} as pattern,
        {{ scoring_seed_lower('seniority') }} as seniority,
        {{ scoring_seed_text('priority') }} as priority_value,
        {{ scoring_seed_number('priority') }} as priority_number
    from {{ ref('job_title_seniority') }}
),

-- the contract as rows ---------------------------------------------------------------------------
rule_subjects as (
    {%- for name, kind in contract.fit_attributes.items() %}
        select
            'scoring_fit_rules.csv' as seed_file,
            '{{ name }}' as subject,
            '{{ kind }}' as subject_kind
        union all
    {%- endfor %}
    {%- for name, kind in contract.interest_activities.items() %}
        select
            'scoring_interest_rules.csv' as seed_file,
            '{{ name }}' as subject,
            '{{ kind }}' as subject_kind
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

operators as (
    {%- for name in contract.operators %}
        select
            '{{ name }}' as operator_name,
            {{ 'true' if name in contract.operators_needing_value else 'false' }} as needs_value,
            {{ 'true' if name in contract.list_operators else 'false' }} as is_list_operator,
            {{ 'true' if name in contract.number_operators else 'false' }} as compares_numbers,
            {{ 'true' if name in contract.boolean_operators else 'false' }} as needs_boolean
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

fit_levels as (
    {%- for name in contract.fit_levels %}
        select '{{ name }}' as fit_level
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

known_settings as (
    {%- for key in known_settings %}
        select
            '{{ key }}' as setting_key,
            {{ 'true' if key in contract.number_settings else 'false' }} as is_number,
            {{ 'false' if key in contract.optional_settings else 'true' }} as is_required
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

required_settings as (
    select setting_key from known_settings
    where is_required
),

seniorities as (
    {%- for name in contract.seniorities %}
        select '{{ name }}' as seniority
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- both rule files in one shape, with what the contract says about their subject and operator
rules as (
    select
        'scoring_fit_rules.csv' as seed_file,
        'attribute' as subject_label,
        '{{ contract.fit_attributes.keys() | list | join(", ") }}' as allowed_subjects,
        '{{ number_attributes | join(", ") or "none" }}' as number_subjects,
        '{{ boolean_attributes | join(", ") or "none" }}' as boolean_subjects,
        true as needs_operator,
        rule_id,
        subject,
        operator_value,
        value_value,
        value_number,
        value_to_value,
        value_to_number,
        points_value,
        points_number
    from fit_rules
    union all
    select
        'scoring_interest_rules.csv' as seed_file,
        'activity' as subject_label,
        '{{ contract.interest_activities.keys() | list | join(", ") }}' as allowed_subjects,
        '{{ number_activities | join(", ") or "none" }}' as number_subjects,
        '{{ boolean_activities | join(", ") or "none" }}' as boolean_subjects,
        false as needs_operator,
        rule_id,
        subject,
        operator_value,
        value_value,
        value_number,
        value_to_value,
        value_to_number,
        points_value,
        points_number
    from interest_rules
),

rules_checked as (
    select
        rules.*,
        rule_subjects.subject_kind,
        operators.operator_name,
        coalesce(operators.needs_value, false) as operator_needs_value,
        coalesce(operators.is_list_operator, false) as is_list_operator,
        coalesce(operators.compares_numbers, false) as compares_numbers,
        coalesce(operators.needs_boolean, false) as needs_boolean
    from rules
    left join rule_subjects
        on
            rules.seed_file = rule_subjects.seed_file
            and rules.subject = rule_subjects.subject
    left join operators
        on rules.operator_value = operators.operator_name
),

-- checks of both rule files -----------------------------------------------------------------------
rule_id_missing as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'rule_id is missing ('", "subject_label", "' '", scoring_seed_quoted('subject'), "')'"
        ]) }} as problem
    from rules_checked
    where rule_id is null
),

rule_id_duplicate as (
    select
        seed_file,
        'rule_id' as key_name,
        min(rule_id) as key_value,
        {{ dbt.concat([
            "'duplicate rule_id (used by '", "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rules)'"
        ]) }} as problem
    from rules_checked
    where rule_id is not null
    group by seed_file, lower(rule_id)
    having count(*) > 1
),

subject_missing as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat(["subject_label", "' is missing'"]) }} as problem
    from rules_checked
    where subject is null
),

subject_unknown as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'unknown '", "subject_label", "' '", scoring_seed_quoted('subject'),
            "' (allowed: '", "allowed_subjects", "')'"
        ]) }} as problem
    from rules_checked
    where subject is not null and subject_kind is null
),

operator_missing as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        'operator is missing (allowed: {{ contract.operators | join(", ") }})' as problem
    from rules_checked
    where needs_operator and operator_value is null
),

operator_unknown as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'unknown operator '", scoring_seed_quoted('operator_value'),
            "' (allowed: " ~ contract.operators | join(", ") ~ ")'"
        ]) }} as problem
    from rules_checked
    where operator_value is not null and operator_name is null
),

value_missing as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'value is missing (operator '", scoring_seed_quoted('operator_value'), "' needs one)'"
        ]) }} as problem
    from rules_checked
    where value_value is null and operator_needs_value
),

value_not_a_number as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'value '", scoring_seed_quoted('value_value'), "' is not a number (operator '",
            scoring_seed_quoted('operator_value'), "' compares numbers)'"
        ]) }} as problem
    from rules_checked
    where value_value is not null and value_number is null and compares_numbers
),

between_without_value_to as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        'operator ''between'' needs value_to (it matches value <= x < value_to)' as problem
    from rules_checked
    where value_to_value is null and operator_value = 'between'
),

value_to_not_a_number as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat(["'value_to '", scoring_seed_quoted('value_to_value'), "' is not a number'"]) }}
            as problem
    from rules_checked
    where value_to_value is not null and value_to_number is null
),

value_to_not_above_value as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'value_to '", scoring_seed_quoted('value_to_value'), "' must be greater than value '",
            scoring_seed_quoted('value_value'), "' (between matches value <= x < value_to)'"
        ]) }} as problem
    from rules_checked
    where operator_value = 'between' and value_to_number <= value_number
),

value_list_too_long as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'value lists more than " ~ contract.max_list_items ~ " items (operator '",
            scoring_seed_quoted('operator_value'), "')'"
        ]) }} as problem
    from rules_checked
    where
        is_list_operator
        and {{ dbt.length('value_value') }} - {{ dbt.length(dbt.replace('value_value', "'|'", "''")) }}
        >= {{ contract.max_list_items }}
),

points_missing as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        'points is missing (write 0 for no points)' as problem
    from rules_checked
    where points_value is null
),

points_not_a_number as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat(["'points '", scoring_seed_quoted('points_value'), "' is not a number'"]) }}
            as problem
    from rules_checked
    where points_value is not null and points_number is null
),

number_operator_on_text as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'operator '", scoring_seed_quoted('operator_value'), "' compares numbers, but '",
            "subject_label", "' '", scoring_seed_quoted('subject'), "' is not numeric (numeric: '",
            "number_subjects", "')'"
        ]) }} as problem
    from rules_checked
    where compares_numbers and subject_kind != 'number'
),

boolean_operator_on_other as (
    select
        seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'operator '", scoring_seed_quoted('operator_value'), "' needs a true/false '",
            "subject_label", "', but '", scoring_seed_quoted('subject'), "' is not one (true/false: '",
            "boolean_subjects", "')'"
        ]) }} as problem
    from rules_checked
    where needs_boolean and subject_kind != 'boolean'
),

-- checks of scoring_fit_rules.csv only ------------------------------------------------------------
level_missing as (
    select
        'scoring_fit_rules.csv' as seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        'level is missing (allowed: {{ contract.fit_levels | join(", ") }})' as problem
    from fit_rules
    where level_value is null
),

level_unknown as (
    select
        'scoring_fit_rules.csv' as seed_file,
        'rule_id' as key_name,
        fit_rules.rule_id as key_value,
        {{ dbt.concat([
            "'unknown level '", scoring_seed_quoted('fit_rules.level_value'),
            "' (allowed: " ~ contract.fit_levels | join(", ") ~ ")'"
        ]) }} as problem
    from fit_rules
    left join fit_levels
        on fit_rules.level_value = fit_levels.fit_level
    where fit_rules.level_value is not null and fit_levels.fit_level is null
),

disqualify_not_boolean as (
    select
        'scoring_fit_rules.csv' as seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'disqualify '", scoring_seed_quoted('disqualify_value'),
            "' must be true or false (empty = false)'"
        ]) }} as problem
    from fit_rules
    where disqualify_value is not null and is_disqualifying is null
),

rule_id_in_both_files as (
    select
        'scoring_fit_rules.csv' as seed_file,
        'rule_id' as key_name,
        fit_rules.rule_id as key_value,
        'rule_id is also used in scoring_interest_rules.csv (rule_ids must be unique across both files)'
            as problem
    from fit_rules
    inner join interest_rules
        on lower(fit_rules.rule_id) = lower(interest_rules.rule_id)
),

-- checks of scoring_interest_rules.csv only -------------------------------------------------------
value_without_operator as (
    select
        'scoring_interest_rules.csv' as seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "'value '", scoring_seed_quoted('value_value'),
            "' is given but the operator is empty (an empty operator matches every activity of that"
            ~ " kind; add an operator or clear the value)'"
        ]) }} as problem
    from interest_rules
    where operator_value is null and value_value is not null
),

-- max_points, half_life_days and window_days: a number each, within its range
interest_rule_limits as (
    select
        rule_id,
        'max_points' as column_name,
        max_points_value as column_value,
        max_points_number as column_number,
        max_points_number < 0 as is_out_of_range,
        'must not be negative' as range_rule
    from interest_rules
    union all
    select
        rule_id,
        'half_life_days' as column_name,
        half_life_days_value as column_value,
        half_life_days_number as column_number,
        half_life_days_number <= 0 as is_out_of_range,
        'must be greater than 0' as range_rule
    from interest_rules
    union all
    select
        rule_id,
        'window_days' as column_name,
        window_days_value as column_value,
        window_days_number as column_number,
        window_days_number <= 0 as is_out_of_range,
        'must be greater than 0' as range_rule
    from interest_rules
),

limit_not_a_number as (
    select
        'scoring_interest_rules.csv' as seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat([
            "column_name", "' '", scoring_seed_quoted('column_value'), "' is not a number (empty = none)'"
        ]) }} as problem
    from interest_rule_limits
    where column_value is not null and column_number is null
),

limit_out_of_range as (
    select
        'scoring_interest_rules.csv' as seed_file,
        'rule_id' as key_name,
        rule_id as key_value,
        {{ dbt.concat(["column_name", "' '", scoring_seed_quoted('column_value'), "' '", "range_rule"]) }}
            as problem
    from interest_rule_limits
    where is_out_of_range
),

-- checks of scoring_grades.csv --------------------------------------------------------------------
grade_missing as (
    select
        'scoring_grades.csv' as seed_file,
        'grade' as key_name,
        grade as key_value,
        {{ dbt.concat([
            "'grade is missing (min_fit_score '", scoring_seed_quoted('min_fit_score_value'), "')'"
        ]) }} as problem
    from grades
    where grade is null
),

grade_duplicate as (
    select
        'scoring_grades.csv' as seed_file,
        'grade' as key_name,
        min(grade) as key_value,
        {{ dbt.concat([
            "'grades not strictly ordered: duplicate grade (used by '",
            "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rows)'"
        ]) }} as problem
    from grades
    where grade is not null
    group by lower(grade)
    having count(*) > 1
),

min_fit_score_missing as (
    select
        'scoring_grades.csv' as seed_file,
        'grade' as key_name,
        grade as key_value,
        'min_fit_score is missing' as problem
    from grades
    where min_fit_score_value is null
),

min_fit_score_not_a_number as (
    select
        'scoring_grades.csv' as seed_file,
        'grade' as key_name,
        grade as key_value,
        {{ dbt.concat([
            "'min_fit_score '", scoring_seed_quoted('min_fit_score_value'), "' is not a number'"
        ]) }} as problem
    from grades
    where min_fit_score_value is not null and min_fit_score is null
),

min_fit_score_shared as (
    select
        'scoring_grades.csv' as seed_file,
        'grade' as key_name,
        min(grades.grade) as key_value,
        {{ dbt.concat([
            "'grades not strictly ordered: min_fit_score '",
            scoring_seed_quoted('min(grades.min_fit_score_value)'), "' is used by another grade too'"
        ]) }} as problem
    from grades
    inner join grades as other_grades
        on
            grades.min_fit_score = other_grades.min_fit_score
            and lower(coalesce(grades.grade, '')) != lower(coalesce(other_grades.grade, ''))
    group by grades.grade
),

min_fit_score_above_100 as (
    select
        'scoring_grades.csv' as seed_file,
        'grade' as key_name,
        grade as key_value,
        {{ dbt.concat([
            "'min_fit_score '", scoring_seed_quoted('min_fit_score_value'),
            "' is above 100 and can never be reached'"
        ]) }} as problem
    from grades
    where min_fit_score > 100
),

grade_floor as (
    select count(case when min_fit_score <= 0 then 1 end) as grades_from_zero
    from grades
),

no_grade_from_zero as (
    select
        'scoring_grades.csv' as seed_file,
        'grade' as key_name,
        '(lowest)' as key_value,
        'no grade has min_fit_score 0 or lower, so low fit scores get no grade (add e.g. F,0)'
            as problem
    from grade_floor
    where grades_from_zero = 0
),

-- checks of scoring_settings.csv ------------------------------------------------------------------
setting_unknown as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        settings.setting_key as key_value,
        'unknown setting (allowed: {{ known_settings | join(", ") }})' as problem
    from settings
    left join known_settings
        on settings.setting_key = known_settings.setting_key
    where settings.setting_key is not null and known_settings.setting_key is null
),

setting_key_missing as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        '' as key_value,
        {{ dbt.concat([
            "'setting key is missing (value '", scoring_seed_quoted('setting_value'), "')'"
        ]) }} as problem
    from settings
    where setting_key is null
),

setting_duplicate as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        setting_key as key_value,
        {{ dbt.concat([
            "'duplicate setting (used by '", "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rows)'"
        ]) }} as problem
    from settings
    where setting_key is not null
    group by setting_key
    having count(*) > 1
),

setting_missing as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        required_settings.setting_key as key_value,
        {{ dbt.concat([
            "'missing setting (add a row '", "required_settings.setting_key", "',<value>)'"
        ]) }} as problem
    from required_settings
    left join settings
        on required_settings.setting_key = settings.setting_key
    where settings.setting_key is null
),

setting_value_missing as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        settings.setting_key as key_value,
        'value is missing' as problem
    from settings
    inner join required_settings
        on settings.setting_key = required_settings.setting_key
    where settings.setting_value is null
),

setting_not_a_number as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        settings.setting_key as key_value,
        {{ dbt.concat(["'value '", scoring_seed_quoted('settings.setting_value'), "' is not a number'"]) }}
            as problem
    from settings
    inner join known_settings
        on settings.setting_key = known_settings.setting_key
    where
        known_settings.is_number
        and settings.setting_value is not null
        and settings.setting_number is null
),

setting_out_of_range as (
    {%- for key, condition, rule in [
            ('fit_weight', '< 0', 'must not be negative'),
            ('interest_weight', '< 0', 'must not be negative'),
            ('interest_max', '<= 0', 'must be greater than 0 (empty = no maximum)'),
            ('inactivity_days', '<= 0', 'must be greater than 0'),
            ('conversion_window_days', '<= 0', 'must be greater than 0')] %}
        select
            'scoring_settings.csv' as seed_file,
            'setting' as key_name,
            setting_key as key_value,
            {{ dbt.concat(["'value '", scoring_seed_quoted('setting_value'), "' " ~ rule ~ "'"]) }}
                as problem
        from settings
        where setting_key = '{{ key }}' and setting_number {{ condition }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

thresholds as (
    select
        max(case when setting_key = 'mql_threshold' then setting_value end) as mql_value,
        max(case when setting_key = 'mql_threshold' then setting_number end) as mql_number,
        max(case when setting_key = 'sql_threshold' then setting_value end) as sql_value,
        max(case when setting_key = 'sql_threshold' then setting_number end) as sql_number
    from settings
),

mql_not_below_sql as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        'mql_threshold' as key_value,
        {{ dbt.concat([
            "'mql_threshold '", scoring_seed_quoted('mql_value'), "' must be lower than sql_threshold '",
            scoring_seed_quoted('sql_value')
        ]) }} as problem
    from thresholds
    where mql_number >= sql_number
),

mql_min_grade_unknown as (
    select
        'scoring_settings.csv' as seed_file,
        'setting' as key_name,
        settings.setting_key as key_value,
        {{ dbt.concat([
            "'unknown mql_min_grade '", scoring_seed_quoted('settings.setting_value'),
            "' (not a grade in scoring_grades.csv)'"
        ]) }} as problem
    from settings
    left join grades
        on lower(settings.setting_value) = lower(grades.grade)
    where
        settings.setting_key = 'mql_min_grade'
        and settings.setting_value is not null
        and grades.grade is null
),

-- checks of job_title_seniority.csv ---------------------------------------------------------------
pattern_missing as (
    select
        'job_title_seniority.csv' as seed_file,
        'pattern' as key_name,
        pattern as key_value,
        {{ dbt.concat(["'pattern is missing (seniority '", scoring_seed_quoted('seniority'), "')'"]) }}
            as problem
    from seniority_patterns
    where pattern is null
),

pattern_duplicate as (
    select
        'job_title_seniority.csv' as seed_file,
        'pattern' as key_name,
        min(pattern) as key_value,
        {{ dbt.concat([
            "'duplicate pattern (used by '", "cast(count(*) as " ~ dbt.type_string() ~ ")", "' rows)'"
        ]) }} as problem
    from seniority_patterns
    where pattern is not null
    group by pattern
    having count(*) > 1
),

seniority_unknown as (
    select
        'job_title_seniority.csv' as seed_file,
        'pattern' as key_name,
        seniority_patterns.pattern as key_value,
        {{ dbt.concat([
            "'unknown seniority '", scoring_seed_quoted('seniority_patterns.seniority'),
            "' (allowed: " ~ contract.seniorities | join(", ") ~ ")'"
        ]) }} as problem
    from seniority_patterns
    left join seniorities
        on seniority_patterns.seniority = seniorities.seniority
    where seniorities.seniority is null
),

priority_not_whole as (
    select
        'job_title_seniority.csv' as seed_file,
        'pattern' as key_name,
        pattern as key_value,
        {{ dbt.concat([
            "'priority '", scoring_seed_quoted('priority_value'), "' is not a whole number'"
        ]) }} as problem
    from seniority_patterns
    where priority_number is null or priority_number != floor(priority_number)
),

-- all problems ------------------------------------------------------------------------------------
problems as (
    {%- for check in [
            'rule_id_missing', 'rule_id_duplicate', 'subject_missing', 'subject_unknown',
            'operator_missing', 'operator_unknown', 'value_missing', 'value_not_a_number',
            'between_without_value_to', 'value_to_not_a_number', 'value_to_not_above_value',
            'value_list_too_long', 'points_missing', 'points_not_a_number',
            'number_operator_on_text', 'boolean_operator_on_other',
            'level_missing', 'level_unknown', 'disqualify_not_boolean', 'rule_id_in_both_files',
            'value_without_operator',
            'limit_not_a_number', 'limit_out_of_range',
            'grade_missing', 'grade_duplicate', 'min_fit_score_missing',
            'min_fit_score_not_a_number', 'min_fit_score_shared', 'min_fit_score_above_100',
            'no_grade_from_zero',
            'setting_unknown', 'setting_key_missing', 'setting_duplicate', 'setting_missing',
            'setting_value_missing', 'setting_not_a_number', 'setting_out_of_range',
            'mql_not_below_sql', 'mql_min_grade_unknown',
            'pattern_missing', 'pattern_duplicate', 'seniority_unknown', 'priority_not_whole'] %}
        select
            cast(seed_file as {{ dbt.type_string() }}) as seed_file,
            cast(key_name as {{ dbt.type_string() }}) as key_name,
            cast(key_value as {{ dbt.type_string() }}) as key_value,
            cast(problem as {{ dbt.type_string() }}) as problem
        from {{ check }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from problems
