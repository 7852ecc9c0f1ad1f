{#- The raw contract's columns that a connector has no standard field for, read from the custom
    property or field a var names (SPEC §1b.2, §1b.6), e.g.
    `hubspot_contact_custom_properties: {budget_status: budget_status}` or
    `salesforce_contact_custom_fields: {budget_status: budget_status_c}`. Every column of
    `allowed` is returned, so the staging model always has it: a column the var does not name is a
    typed null. A key the var names that is not allowed stops dbt, naming the var. -#}

{#- A list of {'name': landed column ('' when not named), 'alias': raw contract column,
    'data_type', 'property': the property's internal name (history rows name it so)} for the
    extra_columns of connector_columns. prefix: what the connector puts before a property's name
    in the column (HubSpot: property_). -#}
{% macro connector_custom_columns(var_name, allowed, prefix='') -%}
    {%- set named = var(var_name, {}) or {} -%}
    {%- if named is not mapping -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ var_name ~ " must be a mapping of raw contract column to property or field, e.g. "
            ~ "{budget_status: budget_status}; got '" ~ named ~ "'") }}
    {%- endif -%}
    {%- for column in named if column not in allowed -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ var_name ~ ": '" ~ column ~ "' is not a column this connector reads from a custom "
            ~ "property or field (allowed: " ~ allowed.keys() | join(', ') ~ ")") }}
    {%- endfor -%}
    {%- set columns = [] -%}
    {%- for column, data_type in allowed.items() -%}
        {%- set property = (named.get(column) or '') | string | trim -%}
        {%- do columns.append({
            'name': (prefix ~ property) if property else '',
            'alias': column,
            'data_type': data_type,
            'property': property,
        }) -%}
    {%- endfor -%}
    {{- return(columns) -}}
{%- endmacro %}

{#- HubSpot contacts: var hubspot_contact_custom_properties (internal property names). -#}
{% macro hubspot_contact_custom_columns() -%}
    {{- return(connector_custom_columns('hubspot_contact_custom_properties', {
        'department': 'string',
        'education_level': 'string',
        'budget_status': 'string',
        'purchase_timeline': 'string',
        'has_existing_solution': 'boolean',
    }, prefix='property_')) -}}
{%- endmacro %}

{#- Salesforce contacts (var salesforce_contact_custom_fields) and leads (var
    salesforce_lead_custom_fields, which may also name a department): column names as Fivetran
    lands them (a custom field Budget_Status__c as budget_status_c). -#}
{% macro salesforce_custom_columns(object_name) -%}
    {%- set allowed = {
        'education_level': 'string',
        'budget_status': 'string',
        'purchase_timeline': 'string',
        'has_existing_solution': 'boolean',
        'lifecycle_stage_override': 'string',
        'lifecycle_stage_override_at': 'timestamp',
    } -%}
    {%- if object_name == 'lead' -%}
        {%- do allowed.update({'department': 'string'}) -%}
        {{- return(connector_custom_columns('salesforce_lead_custom_fields', allowed)) -}}
    {%- endif -%}
    {{- return(connector_custom_columns('salesforce_contact_custom_fields', allowed)) -}}
{%- endmacro %}
