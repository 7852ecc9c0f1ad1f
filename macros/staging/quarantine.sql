{#- Building blocks of the base models, which classify every raw row as clean, quarantined (with a
    reason), superseded (an older CRM version) or after_as_of (not happened yet on as_of_date), so
    that raw = clean + quarantined + superseded + after_as_of. -#}

{#- CASE branches for a required timestamp: missing, unparsable, or in the future: on a day after
    the day that follows the later of as_of_date and the build's own date. `column` is
    the parsed column and `column`_text the raw text. A timestamp after as_of_date that is not
    that far is no problem: the row has not happened yet (row status after_as_of). A date that
    may lie ahead by its meaning (the day of an event people register for) passes
    future=false: missing and unparsable only. -#}
{% macro timestamp_problems(column, required=true, future=true) -%}
    {%- if required %}
        when {{ column }}_text is null then 'missing {{ column }}'
    {%- endif %}
        when {{ column }}_text is not null and {{ column }} is null
            then 'unparsable {{ column }}'
    {%- if future %}
        when {{ column }} >= {{ dbt.dateadd('day', 2, future_reference_date()) }}
            then '{{ column }} more than a day in the future'
    {%- endif %}
{%- endmacro %}

{#- CASE branch placed after the checks of a row's own values and before the checks of its
    references (a contact that must exist): a row dated after as_of_date has no further problem
    for this computation, since what it refers to may not exist yet either. It is classified
    after_as_of by classify_rows / classify_versions. -#}
{% macro after_as_of_stops_checks(column) -%}
        when {{ is_after_as_of(column) }} then null
{%- endmacro %}

{#- The raw row as one readable text, `column=value` pairs in declared order, kept with a
    quarantined row so that a data steward can see what arrived. A raw column may be typed
    (parquet, an EL tool's types), so it is cast to text before coalesce; a declared column the
    raw table lacks shows as empty. -#}
{% macro raw_row_text(source_name, table_name) -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- set loaded = load_relation(raw_relation(source_name, table_name)) -%}
        {%- if loaded is not none -%}
            {%- for column in adapter.get_columns_in_relation(loaded) -%}
                {%- do present.append(column.name | lower) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for name in declared_source_columns(source_name, table_name) -%}
        {%- do parts.append("'" ~ ("; " if not loop.first else "") ~ name ~ "='") -%}
        {%- if name | lower in present -%}
            {%- do parts.append("coalesce(cast(" ~ name ~ " as " ~ dbt.type_string() ~ "), '')") -%}
        {%- else -%}
            {%- do parts.append("''") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ dbt.concat(parts) if parts else "''" }}
{%- endmacro %}

{#- Final select of an event base model: ranks the usable rows of one key (latest first, ties
    broken by the raw text so reruns agree), and classifies each row: `quarantined` (a problem),
    `after_as_of` (dated after as_of_date by `after_as_of_column`: not happened yet),
    `clean` (the first usable row of its key) or a duplicate of it (quarantined). -#}
{% macro classify_rows(from_cte, key_column, latest_column, after_as_of_column=none) -%}
    {{- return(adapter.dispatch('classify_rows', 'lead_scoring')(from_cte, key_column, latest_column, after_as_of_column)) -}}
{%- endmacro %}

{% macro default__classify_rows(from_cte, key_column, latest_column, after_as_of_column=none) -%}
    select
        ranked.*,
        {{ row_classification(key_column) }}
    from (
        select
            flagged.*,
            {{ version_rank_window('flagged', key_column, latest_column) }} as version_rank
        from (
            select
                {{ from_cte }}.*,
                {{ after_as_of_flag(after_as_of_column) }} as is_after_as_of
            from {{ from_cte }}
        ) as flagged
    ) as ranked
{%- endmacro %}

{#- classify_rows: whether a row is dated after as_of_date by `after_as_of_column` (never, for a
    table without one), as a boolean without nulls. -#}
{% macro after_as_of_flag(after_as_of_column) -%}
    coalesce({% if after_as_of_column is none %}false{% else %}{{ is_after_as_of(after_as_of_column) }}{% endif %}, false)
{%- endmacro %}

{#- classify_rows: the rank of a row among the usable rows of its key (latest first, ties broken
    by the raw text so reruns agree), apart for rows with a problem and rows after as_of_date;
    null for a row without a key (quarantined for it: no rank among the other keyless rows, which
    would depend on which raw days an incremental run reads). -#}
{% macro version_rank_window(relation, key_column, latest_column) -%}
    case
        when {{ relation }}.{{ key_column }} is not null then row_number() over (
                partition by
                    {{ relation }}.{{ key_column }},
                    case when {{ relation }}.row_problem is null then 0 else 1 end,
                    {{ relation }}.is_after_as_of
                order by {{ relation }}.{{ latest_column }} desc, {{ relation }}.raw_row desc
            )
    end
{%- endmacro %}

{#- The two CASE columns of classify_rows over the ranked rows. -#}
{% macro row_classification(key_column) -%}
        case
            when ranked.row_problem is not null then ranked.row_problem
            when ranked.is_after_as_of then null
            when ranked.version_rank > 1 then 'duplicate {{ key_column }}'
        end as quarantine_reason,
        case
            when ranked.row_problem is not null then 'quarantined'
            when ranked.is_after_as_of then 'after_as_of'
            when ranked.version_rank = 1 then 'clean'
            else 'quarantined'
        end as row_status
{%- endmacro %}

{#- DuckDB: the same ranks, with the window only over the rows whose key is null or occurs more
    than once (a hash aggregate finds those keys). A key on one row is rank 1 of its partition
    anyway, and nearly every key is: at 1,000,000 contacts a window over all 26 million e-mail
    events ran out of a 6 GB memory limit, this does not. from_cte is read four times (twice for
    the repeated keys, once per branch); DuckDB materializes a CTE that a query reads more than
    once, so its parsing runs once. -#}
{% macro duckdb__classify_rows(from_cte, key_column, latest_column, after_as_of_column=none) -%}
    {%- set repeated_keys -%}
        (
            select {{ key_column }} as repeated_key
            from {{ from_cte }}
            where {{ key_column }} is not null
            group by {{ key_column }}
            having count(*) > 1
        ) as repeated_keys
    {%- endset %}
    select
        ranked.*,
        {{ row_classification(key_column) }}
    from (
        select
            {{ from_cte }}.*,
            {{ after_as_of_flag(after_as_of_column) }} as is_after_as_of,
            cast(1 as {{ dbt.type_bigint() }}) as version_rank
        from {{ from_cte }}
        left join {{ repeated_keys }}
            on {{ from_cte }}.{{ key_column }} = repeated_keys.repeated_key
        where {{ from_cte }}.{{ key_column }} is not null and repeated_keys.repeated_key is null
        union all
        select
            flagged.*,
            {{ version_rank_window('flagged', key_column, latest_column) }} as version_rank
        from (
            select
                {{ from_cte }}.*,
                {{ after_as_of_flag(after_as_of_column) }} as is_after_as_of
            from {{ from_cte }}
            left join {{ repeated_keys }}
                on {{ from_cte }}.{{ key_column }} = repeated_keys.repeated_key
            where {{ from_cte }}.{{ key_column }} is null or repeated_keys.repeated_key is not null
        ) as flagged
    ) as ranked
{%- endmacro %}

{#- Final select of a CRM base model: every usable version of a record gets the interval
    of days it is in force, [valid_from_date, valid_to_date): from the day it was written until the
    day the next version was written (ties: the raw text, so reruns agree). The first version is in
    force from the record's creation day (`created_column`), or from always for a record without
    one (companies): a record whose every version was written after a day still exists on that
    day, with its earliest version standing in. The version in force on as_of_date is `clean`;
    older ones are `superseded`, later ones `after_as_of`. -#}
{% macro classify_versions(from_cte, key_column, created_column=none) -%}
    {%- set first_valid_from -%}
        {%- if created_column is none -%}
            cast('1900-01-01' as date)
        {%- else -%}
            least(cast({{ created_column }} as date), cast(updated_at as date))
        {%- endif -%}
    {%- endset %}
    select
        versioned.*,
        versioned.row_problem as quarantine_reason,
        case
            when versioned.row_problem is not null then 'quarantined'
            when {{ version_valid_on(as_of_date(), 'versioned') }} then 'clean'
            when versioned.updated_at < {{ dbt.dateadd('day', 1, as_of_date()) }} then 'superseded'
            else 'after_as_of'
        end as row_status
    from (
        select
            ordered.*,
            case
                when ordered.row_problem is not null then null
                when ordered.version_number = 1 then {{ first_valid_from }}
                else cast(ordered.updated_at as date)
            end as valid_from_date,
            case
                when ordered.row_problem is null
                    then lead(cast(ordered.updated_at as date)) over (
                        partition by
                            ordered.{{ key_column }},
                            case when ordered.row_problem is null then 0 else 1 end
                        order by ordered.version_number
                    )
            end as valid_to_date
        from (
            select
                {{ from_cte }}.*,
                row_number() over (
                    partition by
                        {{ key_column }},
                        case when row_problem is null then 0 else 1 end
                    order by updated_at asc, raw_row asc
                ) as version_number
            from {{ from_cte }}
        ) as ordered
    ) as versioned
{%- endmacro %}

{#- CASE branch for a type column whose value is not one of the accepted values of the input
    contract (a list var of dbt_project.yml): 'unknown <column>'. -#}
{% macro unknown_value_problem(column, accepted_values_var) -%}
        when {{ column }} not in (
            {%- for value in var(accepted_values_var) %}
                '{{ value }}'{{ "," if not loop.last }}
            {%- endfor %}
        )
            then 'unknown {{ column }}'
{%- endmacro %}
