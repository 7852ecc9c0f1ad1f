{#- Whether a connector table is read, and so whether its staging model is enabled: when var
    lead_scoring_sources reads one of the areas that need the table from its connector, and every
    var that switches the table (Fivetran's names, with Fivetran's defaults) is true. The sources
    YAML of each connector enables its tables by the same rule, written there with var() (YAML
    cannot call a macro); a model enabled without its source stops dbt when it parses. -#}
{% macro connector_table_enabled(source_name, table_name) -%}
    {%- set tables = {
        ('hubspot', 'contact'): {'areas': ['crm', 'email', 'forms'], 'vars': []},
        ('hubspot', 'contact_property_history'): {'areas': ['crm'], 'vars': ['hubspot_contact_property_history_enabled']},
        ('hubspot', 'contact_company'): {'areas': ['crm'], 'vars': ['hubspot_contact_company_enabled']},
        ('hubspot', 'company'): {'areas': ['crm'], 'vars': []},
        ('hubspot', 'company_property_history'): {'areas': ['crm'], 'vars': ['hubspot_company_property_history_enabled']},
        ('hubspot', 'deal'): {'areas': ['crm'], 'vars': []},
        ('hubspot', 'deal_contact'): {'areas': ['crm'], 'vars': []},
        ('hubspot', 'deal_company'): {'areas': ['crm'], 'vars': []},
        ('hubspot', 'deal_pipeline_stage'): {'areas': ['crm'], 'vars': []},
        ('hubspot', 'deal_property_history'): {'areas': ['crm'], 'vars': ['hubspot_deal_property_history_enabled']},
        ('hubspot', 'email_campaign'): {'areas': ['email'], 'vars': []},
        ('hubspot', 'email_event'): {'areas': ['email'], 'vars': []},
        ('hubspot', 'email_event_click'): {'areas': ['email'], 'vars': []},
        ('hubspot', 'email_event_status_change'): {'areas': ['email'], 'vars': []},
        ('hubspot', 'engagement'): {'areas': ['email'], 'vars': ['hubspot_engagement_enabled']},
        ('hubspot', 'engagement_contact'): {'areas': ['email'], 'vars': ['hubspot_engagement_enabled']},
        ('hubspot', 'engagement_email'): {'areas': ['email'], 'vars': ['hubspot_engagement_enabled']},
        ('hubspot', 'form'): {'areas': ['forms'], 'vars': []},
        ('hubspot', 'contact_form_submission'): {'areas': ['forms'], 'vars': []},
        ('salesforce', 'account'): {'areas': ['crm'], 'vars': []},
        ('salesforce', 'contact'): {'areas': ['crm'], 'vars': []},
        ('salesforce', 'lead'): {'areas': ['crm'], 'vars': ['salesforce__lead_enabled']},
        ('salesforce', 'opportunity'): {'areas': ['crm'], 'vars': []},
        ('salesforce', 'opportunity_contact_role'): {'areas': ['crm'], 'vars': []},
        ('salesforce', 'campaign'): {'areas': ['events'], 'vars': []},
        ('salesforce', 'campaign_member'): {'areas': ['events'], 'vars': []},
        ('salesforce_history', 'account'): {'areas': ['crm'], 'vars': ['salesforce__account_history_enabled']},
        ('salesforce_history', 'contact'): {'areas': ['crm'], 'vars': ['salesforce__contact_history_enabled']},
        ('salesforce_history', 'lead'): {'areas': ['crm'], 'vars': ['salesforce__lead_enabled', 'salesforce__lead_history_enabled']},
        ('salesforce_history', 'opportunity'): {'areas': ['crm'], 'vars': ['salesforce__opportunity_history_enabled']},
        ('segment', 'pages'): {'areas': ['web'], 'vars': []},
        ('segment', 'link_clicked'): {'areas': ['web'], 'vars': []},
        ('segment', 'video_content_playing'): {'areas': ['web'], 'vars': []},
        ('segment', 'file_downloaded'): {'areas': ['web'], 'vars': []},
        ('segment', 'identifies'): {'areas': ['web'], 'vars': []},
    } -%}
    {%- set connectors = {'hubspot': 'hubspot', 'salesforce': 'salesforce',
                          'salesforce_history': 'salesforce', 'segment': 'segment'} -%}
    {%- if (source_name, table_name) not in tables -%}
        {{ exceptions.raise_compiler_error(
            "connector_table_enabled: no connector table " ~ source_name ~ "." ~ table_name) }}
    {%- endif -%}
    {%- set table = tables[(source_name, table_name)] -%}
    {%- set enabled = [connector_reads(connectors[source_name], table.areas)] -%}
    {%- for name in table.vars -%}
        {%- do enabled.append(connector_var_enabled(name)) -%}
    {%- endfor -%}
    {{- return(false not in enabled) -}}
{%- endmacro %}

{#- A var that switches part of a connector on or off, with its default (Fivetran's, where
    Fivetran has the var). -#}
{% macro connector_var_enabled(name) -%}
    {%- set defaults = {
        'hubspot_contact_property_history_enabled': true,
        'hubspot_company_property_history_enabled': true,
        'hubspot_deal_property_history_enabled': true,
        'hubspot_engagement_enabled': true,
        'hubspot_contact_company_enabled': true,
        'salesforce__lead_enabled': true,
        'salesforce__account_history_enabled': false,
        'salesforce__contact_history_enabled': false,
        'salesforce__lead_history_enabled': false,
        'salesforce__opportunity_history_enabled': false,
    } -%}
    {%- if name not in defaults -%}
        {{ exceptions.raise_compiler_error("connector_var_enabled: unknown var " ~ name) }}
    {%- endif -%}
    {%- set value = var(name, defaults[name]) -%}
    {%- if value is string -%}
        {%- set value = value | lower | trim in ('true', '1', 'yes') -%}
    {%- endif -%}
    {{- return(true if value else false) -}}
{%- endmacro %}
