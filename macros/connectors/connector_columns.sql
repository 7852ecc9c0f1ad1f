{#- Reading a connector's tables (Fivetran HubSpot and Salesforce, Segment) in its staging models,
    one per table (models/staging/<connector>/stg_<connector>__*.sql), the only place a
    connector's source() appears.

    The columns a staging model reads are declared once, in the connector's sources YAML, each
    with an abstract data_type (string, number, boolean, timestamp, date), as Fivetran's packages
    declare theirs. connector_columns selects every one of them typed, whatever type the column
    was landed with: the connector's own types (bigint ids, doubles, booleans, timestamps with a
    time zone, dates) or text (a CSV export loaded with scripts/load_raw.py --as-is). A declared
    column the table lacks is a typed null, so a connector that lands fewer columns does not break
    the build (Fivetran's "fill staging columns"). Instants become timestamps in UTC explicitly,
    never through the session time zone (utc_timestamp). -#}

{#- The select list of a connector's staging model: every column the sources YAML declares for
    source_name.table_name, typed (connector_value), under its staging name (the column's
    meta.staging_name, else its own name); then every entry of
    extra_columns, a list of {'name': landed column, 'alias': output name, 'data_type': type}
    (the custom properties and fields that vars name). A table that does not exist stops the
    build, naming it and the var that switches it off (disabled_by). -#}
{% macro connector_columns(source_name, table_name, extra_columns=[], disabled_by=none) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- set landed = {} -%}
    {%- if execute -%}
        {%- set loaded = load_relation(relation) -%}
        {%- if loaded is none -%}
            {{ exceptions.raise_compiler_error(
                "Connector table " ~ relation ~ " does not exist. Point the connector's vars at the "
                ~ "schema it lands in (docs/connectors.md)"
                ~ (", or switch the table off with var " ~ disabled_by ~ ": false" if disabled_by else "")
                ~ ", or read the area from elsewhere (var lead_scoring_sources).") }}
        {%- endif -%}
        {%- for column in adapter.get_columns_in_relation(loaded) -%}
            {%- do landed.update({column.name | lower: column}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set wanted = [] -%}
    {%- for column in declared_connector_columns(source_name, table_name) -%}
        {%- do wanted.append(column) -%}
    {%- endfor -%}
    {%- for column in extra_columns -%}
        {%- do wanted.append(column) -%}
    {%- endfor -%}
    {%- for column in wanted %}
        {% if column.name | lower in landed -%}
            {{ connector_value(adapter.quote(landed[column.name | lower].name), column.data_type, landed[column.name | lower].dtype) }}
        {%- else -%}
            {{ typed_null(column.data_type) }}
        {%- endif %} as {{ column.alias }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- The columns the sources YAML declares for a connector table: a list of {name, alias,
    data_type}: the landed name, the staging name (meta.staging_name, else the landed name) and
    the data_type lower-cased, `string` when not given (empty while dbt parses the project). -#}
{% macro declared_connector_columns(source_name, table_name) -%}
    {%- set declared = [] -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() if node.source_name == source_name and node.name == table_name -%}
            {%- for column in node.columns.values() -%}
                {%- set meta = column.meta or {} -%}
                {%- set config_meta = (column.config or {}).get('meta') or {} -%}
                {%- do declared.append({
                    'name': column.name,
                    'alias': config_meta.get('staging_name') or meta.get('staging_name') or column.name,
                    'data_type': (column.data_type or 'string') | lower,
                }) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(declared) -}}
{%- endmacro %}

{#- One landed value as its declared data_type, from the type it was landed with (landed_type, the
    warehouse's name of it): text is parsed as the raw layer parses text (clean_text,
    parse_number, parse_boolean, parse_connector_instant, parse_date); a typed value is cast, an
    instant with a time zone converted to UTC. -#}
{% macro connector_value(expression, data_type, landed_type) -%}
    {%- set landed = (landed_type or '') | lower -%}
    {%- set is_text = 'char' in landed or 'text' in landed or 'string' in landed -%}
    {%- set is_instant = landed in ('timestamp with time zone', 'timestamptz', 'timestamp_tz')
        or (target.type in ('spark', 'databricks') and landed == 'timestamp') -%}
    {%- set is_timestamp = landed.startswith('timestamp') or landed == 'datetime' -%}
    {%- set is_boolean = landed in ('boolean', 'bool') -%}
    {%- if data_type == 'string' -%}
        {{ clean_text(expression) }}
    {%- elif is_text -%}
        {%- if data_type in ('number', 'integer') -%}
            {{ parse_number(clean_text(expression, 'number')) }}
        {%- elif data_type == 'boolean' -%}
            {{ parse_boolean(clean_text(expression, 'boolean')) }}
        {%- elif data_type == 'timestamp' -%}
            {{ parse_connector_instant(clean_text(expression, 'timestamp')) }}
        {%- elif data_type == 'date' -%}
            {{ parse_date(clean_text(expression, 'date')) }}
        {%- else -%}
            {{ exceptions.raise_compiler_error("connector_value: unknown data_type '" ~ data_type ~ "'") }}
        {%- endif -%}
    {%- elif data_type in ('number', 'integer') -%}
        {%- if is_boolean or is_timestamp or landed == 'date' -%}
            {{ typed_null(data_type) }}
        {%- else -%}
            cast({{ expression }} as {{ scoring_type_double() }})
        {%- endif -%}
    {%- elif data_type == 'boolean' -%}
        {%- if is_boolean -%}
            {{ expression }}
        {%- else -%}
            {{ parse_boolean(clean_text(expression, 'boolean')) }}
        {%- endif -%}
    {%- elif data_type == 'timestamp' -%}
        {%- if is_instant -%}
            {{ utc_timestamp(expression) }}
        {%- elif is_timestamp or landed == 'date' -%}
            cast({{ expression }} as {{ dbt.type_timestamp() }})
        {%- else -%}
            {{ typed_null(data_type) }}
        {%- endif -%}
    {%- elif data_type == 'date' -%}
        {%- if is_instant -%}
            cast({{ utc_timestamp(expression) }} as date)
        {%- elif is_timestamp or landed == 'date' -%}
            cast({{ expression }} as date)
        {%- else -%}
            {{ typed_null(data_type) }}
        {%- endif -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("connector_value: unknown data_type '" ~ data_type ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{#- A null of an abstract data_type (string, number, integer, boolean, timestamp, date). -#}
{% macro typed_null(data_type) -%}
    {%- set types = {
        'string': dbt.type_string(),
        'number': scoring_type_double(),
        'integer': scoring_type_double(),
        'boolean': dbt.type_boolean(),
        'timestamp': dbt.type_timestamp(),
        'date': 'date',
    } -%}
    {%- if data_type not in types -%}
        {{ exceptions.raise_compiler_error("typed_null: unknown data_type '" ~ data_type ~ "'") }}
    {%- endif -%}
    cast(null as {{ types[data_type] }})
{%- endmacro %}
