{#- The fields of seeds/connector_values.csv, per connector, and what a `value` of each may be: the
    var of the accepted values of the raw contract, `boolean`, or `any` (a lead source is any
    word). The one list of them: the validation (int_connector__value_problems) reads it. -#}
{% macro connector_value_fields() -%}
    {{- return({
        'hubspot': {
            'lead_source': 'any',
            'form_type': 'accepted_form_types',
            'campaign_type': 'accepted_campaign_types',
        },
        'salesforce': {
            'lead_source': 'any',
            'event_type': 'accepted_event_types',
            'attended': 'boolean',
        },
    }) -}}
{%- endmacro %}

{#- The operators of seeds/connector_values.csv. -#}
{% macro connector_value_operators() -%}
    {{- return(['equals', 'contains']) -}}
{%- endmacro %}
