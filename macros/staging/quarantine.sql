{#- Building blocks of the base models, which classify every raw row as clean, quarantined (with a
    reason) or superseded (an older CRM version), so that raw = clean + quarantined + superseded. -#}

{#- CASE branches for a required timestamp: missing, unparsable, or more than a day after
    as_of_date (on a day after the day that follows it). `column` is the parsed column and
    `column`_text the raw text. -#}
{% macro timestamp_problems(column, required=true) -%}
    {%- if required %}
        when {{ column }}_text is null then 'missing {{ column }}'
    {%- endif %}
        when {{ column }}_text is not null and {{ column }} is null
            then 'unparsable {{ column }}'
        when {{ column }} >= {{ dbt.dateadd('day', 2, as_of_date()) }}
            then '{{ column }} more than a day after as_of_date'
{%- endmacro %}

{#- The raw row as one readable text, `column=value` pairs in declared order, kept with a
    quarantined row so that a data steward can see what arrived. A raw column may be typed
    (parquet, an EL tool's types), so it is cast to text before coalesce; a declared column the
    raw table lacks shows as empty. -#}
{% macro raw_row_text(source_name, table_name) -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- set loaded = load_relation(source(source_name, table_name)) -%}
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

{#- Final select of a base model: ranks the rows of one key (latest first, ties broken by the raw
    text so reruns agree), and classifies each row. The first usable row of a key is clean; a
    later one is `superseded` (CRM versions) or quarantined as a duplicate (events). -#}
{% macro classify_rows(from_cte, key_column, latest_column, duplicates='quarantined') -%}
    select
        ranked.*,
        coalesce(
            ranked.row_problem,
            case when ranked.version_rank > 1 and '{{ duplicates }}' = 'quarantined'
                then 'duplicate {{ key_column }}' end
        ) as quarantine_reason,
        case
            when ranked.row_problem is not null then 'quarantined'
            when ranked.version_rank = 1 then 'clean'
            else '{{ duplicates }}'
        end as row_status
    from (
        select
            {{ from_cte }}.*,
            row_number() over (
                partition by
                    {{ key_column }},
                    case when row_problem is null then 0 else 1 end
                order by {{ latest_column }} desc, raw_row desc
            ) as version_rank
        from {{ from_cte }}
    ) as ranked
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

{#- CASE branch of a CRM base model: a version written after as_of_date (but not more than a day
    after, which timestamp_problems quarantines as dirty) does not exist yet for the computation. -#}
{% macro version_not_yet_effective_problem(column) -%}
        when {{ column }} >= {{ dbt.dateadd('day', 1, as_of_date()) }}
            then '{{ column }} after as_of_date (version not yet effective)'
{%- endmacro %}
