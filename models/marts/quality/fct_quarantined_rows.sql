-- Every quarantined raw row, from the base model of each raw table (the list: macro raw_tables).
with quarantined as (
    {% for raw in raw_tables() %}
        select
            '{{ raw.table }}' as raw_table,
            cast({{ raw.key_column }} as {{ dbt.type_string() }}) as row_key,
            quarantine_reason,
            raw_row
        from {{ ref(raw.base_model) }}
        where row_status = 'quarantined'
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from quarantined
