{#- Where each area of the raw layer (SPEC §1, §1b) is read from: the var lead_scoring_sources,
    `{crm, email, forms, web, events}`, each `raw` (the raw schema, as loaded by
    scripts/load_raw.py), a connector, or `none` (empty). An area the var leaves out is `raw`, so
    the default (every area `raw`) is the project as it was before connectors. A value that is not
    allowed, or a combination that cannot work, stops dbt when it parses the project, with a
    message naming the var. -#}

{#- The sources allowed per area: the one list of them (docs/connectors.md). The area names are
    the names of the raw sources in the sources YAML (models/staging/<area>/_<area>__sources.yml). -#}
{% macro lead_scoring_source_choices() -%}
    {{- return({
        'crm': ['raw', 'hubspot', 'salesforce'],
        'email': ['raw', 'hubspot', 'none'],
        'forms': ['raw', 'hubspot', 'none'],
        'web': ['raw', 'segment', 'none'],
        'events': ['raw', 'salesforce', 'none'],
    }) -}}
{%- endmacro %}

{#- The var lead_scoring_sources with every area filled in (`raw` where it is left out), checked. -#}
{% macro lead_scoring_sources() -%}
    {%- set choices = lead_scoring_source_choices() -%}
    {%- set given = var('lead_scoring_sources', {}) -%}
    {%- if given is none -%}
        {%- set given = {} -%}
    {%- endif -%}
    {%- if given is not mapping -%}
        {{ exceptions.raise_compiler_error(
            "var lead_scoring_sources must be a mapping of area to source, e.g. "
            ~ "{crm: hubspot, web: segment}; got '" ~ given ~ "'") }}
    {%- endif -%}
    {%- for area in given if area not in choices -%}
        {{ exceptions.raise_compiler_error(
            "var lead_scoring_sources: unknown area '" ~ area ~ "' (areas: "
            ~ choices.keys() | join(', ') ~ ")") }}
    {%- endfor -%}
    {%- set chosen = {} -%}
    {%- for area, allowed in choices.items() -%}
        {%- set value = given.get(area, 'raw') -%}
        {%- set value = 'raw' if value is none else value | string | trim -%}
        {%- if value not in allowed -%}
            {{ exceptions.raise_compiler_error(
                "var lead_scoring_sources: " ~ area ~ " cannot be read from '" ~ value
                ~ "' (allowed for " ~ area ~ ": " ~ allowed | join(', ') ~ ")") }}
        {%- endif -%}
        {%- do chosen.update({area: value}) -%}
    {%- endfor -%}
    {%- if chosen.events == 'salesforce' and chosen.crm != 'salesforce' -%}
        {{ exceptions.raise_compiler_error(
            "var lead_scoring_sources: events: salesforce needs crm: salesforce (a campaign member "
            ~ "names a Salesforce contact or lead), got crm: " ~ chosen.crm) }}
    {%- endif -%}
    {%- if chosen.web == 'segment' and var('segment_identity', 'email') not in ('email', 'user_id') -%}
        {{ exceptions.raise_compiler_error(
            "var segment_identity must be email or user_id, got '" ~ var('segment_identity') ~ "'") }}
    {%- endif -%}
    {{- return(chosen) -}}
{%- endmacro %}

{#- The source of one area: raw, a connector name, or none. -#}
{% macro lead_scoring_source(area) -%}
    {%- set chosen = lead_scoring_sources() -%}
    {%- if area not in chosen -%}
        {{ exceptions.raise_compiler_error(
            "lead_scoring_source: unknown area '" ~ area ~ "' (areas: " ~ chosen.keys() | join(', ') ~ ")") }}
    {%- endif -%}
    {{- return(chosen[area]) -}}
{%- endmacro %}

{#- Whether a connector is read for at least one of the given areas (every area when none given). -#}
{% macro connector_reads(connector, areas=none) -%}
    {%- set chosen = lead_scoring_sources() -%}
    {%- set found = [] -%}
    {%- for area, value in chosen.items() if value == connector and (areas is none or area in areas) -%}
        {%- do found.append(area) -%}
    {%- endfor -%}
    {{- return(found | length > 0) -}}
{%- endmacro %}

{#- The relation a base model reads a raw table from: the dbt source of the raw schema when its
    area is `raw` (exactly as before connectors), otherwise the model int_raw__<table>, which
    holds the same columns mapped from the area's connector (or no rows for `none`). -#}
{% macro raw_relation(source_name, table_name) -%}
    {%- if lead_scoring_source(source_name) == 'raw' -%}
        {{- return(source(source_name, table_name)) -}}
    {%- endif -%}
    {{- return(ref('int_raw__' ~ table_name)) -}}
{%- endmacro %}
