{#- The versions of HubSpot records from their property history (SPEC §1b.3, "HubSpot record
    versions"): a select of one row per record and version time, with the record's key,
    `version_at` and one column per mapped property.

    For a record, the version times are the distinct timestamps of its history rows of the mapped
    properties, plus its last-modified time (a record with neither has one version, at null). The
    version at time t has, for each property: when the record has history rows for the property,
    the value of the latest one with timestamp <= t (null before the first; equal timestamps: the
    last synced, then the larger value); otherwise the current row's value.

    records: the relation of current records (one row each; key_column, last_modified_at and one
    column per property, typed); history: the relation of history rows (key_column,
    property_name, property_value as text, changed_at, synced_at); properties: a list of
    {'property': internal name (history's `name`), 'column': the column in records and in the
    result, 'data_type': how a history value is read (string, number, boolean, timestamp)}.
    Costs, per record, its version times times its history rows. -#}
{% macro hubspot_record_versions(records, history, key_column, properties) -%}
    {%- set names = [] -%}
    {%- for property in properties if property.property -%}
        {%- do names.append("'" ~ property.property | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {%- set name_list = names | join(', ') if names else "cast(null as " ~ dbt.type_string() ~ ")" -%}
    select
        record_times.{{ key_column }},
        record_times.version_at,
        {%- for property in properties %}
        case
            when history_properties.has_{{ property.column }} = 1
                then {{ history_value('version_values.' ~ property.column, property.data_type) }}
            else record_times.{{ property.column }}
        end as {{ property.column }}{{ "," if not loop.last }}
        {%- endfor %}
    from (
        select
            records.*,
            version_times.version_at
        from {{ records }} as records
        left join (
            select
                {{ key_column }},
                changed_at as version_at
            from {{ history }}
            where property_name in ({{ name_list }}) and changed_at is not null
            union
            select
                {{ key_column }},
                last_modified_at as version_at
            from {{ records }}
            where last_modified_at is not null
        ) as version_times
            on records.{{ key_column }} = version_times.{{ key_column }}
    ) as record_times
    left join (
        -- per version time, the latest history value of each property up to it
        select
            {{ key_column }},
            version_at,
            {%- for property in properties %}
            max(case when property_name = '{{ property.property | replace("'", "''") }}' then property_value end)
                as {{ property.column }}{{ "," if not loop.last }}
            {%- endfor %}
        from (
            select
                times.{{ key_column }},
                times.version_at,
                changes.property_name,
                changes.property_value,
                row_number() over (
                    partition by times.{{ key_column }}, times.version_at, changes.property_name
                    order by changes.changed_at desc, changes.synced_at desc, changes.property_value desc
                ) as value_rank
            from (
                select distinct
                    {{ key_column }},
                    changed_at as version_at
                from {{ history }}
                where property_name in ({{ name_list }}) and changed_at is not null
                union
                select
                    {{ key_column }},
                    last_modified_at as version_at
                from {{ records }}
                where last_modified_at is not null
            ) as times
            inner join {{ history }} as changes
                on
                    times.{{ key_column }} = changes.{{ key_column }}
                    and changes.changed_at <= times.version_at
                    and changes.property_name in ({{ name_list }})
        ) as ranked_changes
        where value_rank = 1
        group by {{ key_column }}, version_at
    ) as version_values
        on
            record_times.{{ key_column }} = version_values.{{ key_column }}
            and record_times.version_at = version_values.version_at
    left join (
        -- which properties of a record have history at all
        select
            {{ key_column }},
            {%- for property in properties %}
            max(case when property_name = '{{ property.property | replace("'", "''") }}' then 1 else 0 end)
                as has_{{ property.column }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ history }}
        where property_name in ({{ name_list }}) and changed_at is not null
        group by {{ key_column }}
    ) as history_properties
        on record_times.{{ key_column }} = history_properties.{{ key_column }}
{%- endmacro %}

{#- A history value (text) read as data_type: string as it is, number, boolean, or an instant
    (ISO 8601 or epoch milliseconds, parse_connector_instant). -#}
{% macro history_value(expression, data_type) -%}
    {%- if data_type == 'string' -%}
        {{ expression }}
    {%- elif data_type in ('number', 'integer') -%}
        {{ parse_number(expression) }}
    {%- elif data_type == 'boolean' -%}
        {{ parse_boolean(expression) }}
    {%- elif data_type == 'timestamp' -%}
        {{ parse_connector_instant(expression) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("history_value: unknown data_type '" ~ data_type ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{#- No history rows, in the columns of a property history staging model: the history of records
    whose property history is switched off (var hubspot_<object>_property_history_enabled). -#}
{% macro empty_property_history(key_column) -%}
    select
        cast(null as {{ dbt.type_string() }}) as {{ key_column }},
        cast(null as {{ dbt.type_string() }}) as property_name,
        cast(null as {{ dbt.type_string() }}) as property_value,
        cast(null as {{ dbt.type_timestamp() }}) as changed_at,
        cast(null as {{ dbt.type_timestamp() }}) as synced_at,
        cast(null as {{ dbt.type_string() }}) as change_source
    where 1 = 0
{%- endmacro %}
