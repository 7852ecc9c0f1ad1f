{#- The versions of Salesforce records (SPEC §1b.4, "Versions"): a select of the key, `version_at`
    and the given columns, one row per version of every record present and not deleted in the
    main table. With history mode (history_enabled: the var salesforce__<object>_history_enabled)
    every row of the history staging model is a version, at its _fivetran_start (valid_from);
    otherwise the main row is the only version, at coalesce(system_modstamp, last_modified_date).

    current: the main table's staging model (a relation); history: the history mode staging model
    (a relation name; not read without history mode); key_column; columns: the columns to select,
    which both have. -#}
{% macro salesforce_record_versions(current, history, key_column, columns, history_enabled) -%}
    {%- if history_enabled -%}
    select
        history_rows.{{ key_column }},
        history_rows.valid_from as version_at,
        {%- for column in columns %}
        history_rows.{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ history }} as history_rows
    inner join {{ current }} as current_rows
        on history_rows.{{ key_column }} = current_rows.{{ key_column }}
    where not coalesce(current_rows.is_deleted, false)
    {%- else -%}
    select
        {{ key_column }},
        coalesce(system_modstamp, last_modified_at) as version_at,
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ current }}
    where not coalesce(is_deleted, false)
    {%- endif -%}
{%- endmacro %}

{#- A web site as a domain: lower case, without scheme, leading `www.`, path or query
    (`https://www.Acme.com/about` -> `acme.com`); null stays null. -#}
{% macro website_domain(expression) -%}
    {%- set lowered = "lower(trim(" ~ expression ~ "))" -%}
    {%- set without_scheme -%}
        case
            when {{ dbt.position("'://'", lowered) }} > 0 then {{ dbt.split_part(lowered, "'://'", 2) }}
            else {{ lowered }}
        end
    {%- endset -%}
    {%- set host = dbt.split_part(dbt.split_part(without_scheme, "'/'", 1), "'?'", 1) -%}
    nullif(
        case
            when {{ host }} like 'www.%' then substring({{ host }}, 5)
            else {{ host }}
        end,
        ''
    )
{%- endmacro %}
