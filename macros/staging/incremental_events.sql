{#- The event base models (web events and identities, e-mail events, form submissions, event
    attendance) are incremental by raw day: every row carries `raw_day`, the first ten characters
    of its raw timestamp as written (a text, '' when empty: the day a raw row was written for, not
    a parsed date), and a run rewrites only the raw days whose rows may be classified otherwise
    than the stored ones:

    - days whose raw rows changed: a row added, removed or changed (raw_fingerprint, the
      fingerprint of a day's raw rows and of the model's checks, differs from the stored one);
    - days with a stored row whose context changed: its contact came to exist or stopped existing
      (has_known_contact), or one of its timestamps crossed the day after as_of_date or the future
      limit since the row was classified (as_of_day, future_day);
    - days sharing a row key with such a day: a duplicate's rank depends on every row of its key.

    The pre_hook (delete_changed_raw_days) deletes those days; the model then classifies the raw
    days it no longer holds (incremental_raw_days), ranking their keys' rows on other days with
    them, and appends them. A day the run writes gets the run's invocation_id as partition_version,
    which what reads the model compares with the version it read. -#}

{#- The increment of each event base model, the one place its settings are written: the dbt
    source, the raw timestamp column its raw days come from, its row key (the model's column of
    it, computed from the raw column of that name as clean_text cleans it, or from the raw
    columns by key_expression where the key is made of several), the accepted values that
    decide how a row is classified (part of each day's fingerprint), and the context its stored
    rows depend on (the contact column and timestamps event_context_changed checks; the e-mail
    match of a form). The model, its pre_hook and the macros below take only the raw table's
    name: a pre_hook is rendered apart from its model and cannot see the model's variables. -#}
{% macro raw_day_increment(table_name) -%}
    {%- set increments = {
        'web_events': {
            'source_name': 'web', 'day_column': 'occurred_at',
            'key_column': 'event_id',
            'accepted_values': 'accepted_web_event_types',
            'contact_column': 'contact_id', 'timestamp_columns': ['occurred_at'],
        },
        'web_identities': {
            'source_name': 'web', 'day_column': 'identified_at',
            'key_expression': identity_key_of_raw_row(), 'key_column': 'identity_key',
            'accepted_values': none,
            'contact_column': 'contact_id', 'timestamp_columns': ['identified_at'],
        },
        'email_events': {
            'source_name': 'email', 'day_column': 'occurred_at',
            'key_column': 'event_id',
            'accepted_values': 'accepted_email_event_types',
            'contact_column': 'contact_id', 'timestamp_columns': ['occurred_at'],
        },
        'form_submissions': {
            'source_name': 'forms', 'day_column': 'submitted_at',
            'key_column': 'submission_id',
            'accepted_values': 'accepted_form_types',
            'contact_column': 'submitted_contact_id', 'timestamp_columns': ['submitted_at'],
            'matches_email': true,
        },
        'event_attendance': {
            'source_name': 'events', 'day_column': 'registered_at',
            'key_column': 'registration_id',
            'accepted_values': 'accepted_event_types',
            'contact_column': 'contact_id', 'timestamp_columns': ['registered_at', 'event_date'],
        },
    } -%}
    {%- if table_name not in increments -%}
        {{ exceptions.raise_compiler_error(
            "raw_day_increment: no incremental event base model reads the raw table '" ~ table_name
            ~ "' (known: " ~ (increments.keys() | sort | join(', ')) ~ ")") }}
    {%- endif -%}
    {%- set increment = increments[table_name] -%}
    {%- do increment.update({
        'table_name': table_name,
        'checks': var(increment.accepted_values) | join('|') if increment.accepted_values else '',
        'key_expression': increment.key_expression if 'key_expression' in increment
            else clean_text(increment.key_column),
    }) -%}
    {{- return(increment) -}}
{%- endmacro %}

{#- The raw day of a raw timestamp column: its first ten characters after trimming, '' when
    empty (a text; rows with an unparsable timestamp have one too). -#}
{% macro raw_day(column) -%}
    coalesce(substring(trim(cast({{ column }} as {{ dbt.type_string() }})), 1, 10), '')
{%- endmacro %}

{#- The raw columns of a table the base model reads, as present in the table: its declared
    columns and the loader's _load_problem (a list of names; empty while dbt parses). -#}
{% macro raw_columns_present(source_name, table_name) -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- set loaded = load_relation(raw_relation(source_name, table_name)) -%}
        {%- if loaded is not none -%}
            {%- set declared = declared_source_columns(source_name, table_name) | map('lower') | list -%}
            {%- for column in adapter.get_columns_in_relation(loaded)
                if column.name | lower in declared or column.name | lower == '_load_problem' -%}
                {%- do present.append(column.name) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{- return(present) -}}
{%- endmacro %}

{#- The fingerprint of one raw day, an aggregate over its raw rows: their columns and `checks`
    (a text of what else decides how a row is classified, e.g. the accepted values). -#}
{% macro raw_day_fingerprint(source_name, table_name, checks) -%}
    {%- set columns = raw_columns_present(source_name, table_name) -%}
    {{ row_fingerprint([rows_fingerprint(columns if columns else ['1']), "'" ~ (checks | replace("'", "''")) ~ "'"]) }}
{%- endmacro %}

{#- pre_hook of an event base model: deletes the raw days to classify again (see the top of this
    file), with the settings of raw_day_increment(table_name). -#}
{% macro delete_changed_raw_days(table_name) -%}
    {%- if is_incremental() -%}
        {%- set increment = raw_day_increment(table_name) -%}
        {%- set source_name = increment.source_name -%}
        {%- set day_column = increment.day_column -%}
        {%- set key_expression = increment.key_expression -%}
        {%- set key_column = increment.key_column -%}
        delete from {{ this }} as stored
        where stored.raw_day in (
            with raw_days as (
                select
                    {{ raw_day(day_column) }} as raw_day,
                    {{ raw_day_fingerprint(source_name, table_name, increment.checks) }} as raw_fingerprint
                from {{ raw_relation(source_name, table_name) }}
                group by {{ raw_day(day_column) }}
            ),

            stored_days as (
                select
                    raw_day,
                    min(raw_fingerprint) as raw_fingerprint
                from {{ this }}
                group by raw_day
            ),

            changed_days as (
                -- days whose raw rows (or checks) changed, new days, days without raw rows left
                select coalesce(raw_days.raw_day, stored_days.raw_day) as raw_day
                from raw_days
                full outer join stored_days
                    on raw_days.raw_day = stored_days.raw_day
                where raw_days.raw_fingerprint is null
                    or stored_days.raw_fingerprint is null
                    or raw_days.raw_fingerprint != stored_days.raw_fingerprint
                union
                -- days with a stored row whose context changed
                {{ form_context_changed() if increment.matches_email else event_context_changed(increment.contact_column, increment.timestamp_columns) }}
            ),

            changed_keys as (
                select {{ key_expression }} as row_key
                from {{ raw_relation(source_name, table_name) }}
                where {{ raw_day(day_column) }} in (select raw_day from changed_days)
                union
                select {{ key_column }} as row_key
                from {{ this }}
                where raw_day in (select raw_day from changed_days)
            )

            select raw_day from changed_days
            union
            -- days sharing a row key with a changed day: a duplicate's rank depends on every row
            select raw_day from {{ this }}
            where {{ key_column }} in (select row_key from changed_keys)
        )
    {%- endif -%}
{%- endmacro %}

{#- The select of the raw days with a stored row whose context changed, for
    delete_changed_raw_days: its contact (contact_column, a raw contact id the model checks) came
    to exist or stopped existing among the current contacts (has_known_contact), or one of its
    timestamp_columns lies on the other side of the day after as_of_date or of the future limit
    (timestamp_problems) than when it was classified (as_of_day, future_day). extra_joins and
    extra_condition add a model's own context (the e-mail match of a form). -#}
{% macro event_context_changed(contact_column, timestamp_columns, extra_joins='', extra_condition=none) -%}
    select distinct stored_rows.raw_day
    from {{ this }} as stored_rows
    {%- if contact_column %}
    left join {{ ref('stg_crm__contacts') }} as known_contacts
        on stored_rows.{{ contact_column }} = known_contacts.contact_id
    {%- endif %}
    {{ extra_joins }}
    where false
    {%- if contact_column %}
        or (
            stored_rows.{{ contact_column }} is not null
            and stored_rows.has_known_contact != (known_contacts.contact_id is not null)
        )
    {%- endif %}
    {%- for column in timestamp_columns %}
        or coalesce(stored_rows.{{ column }} >= {{ dbt.dateadd('day', 1, 'stored_rows.as_of_day') }}, false)
            != coalesce(stored_rows.{{ column }} >= {{ dbt.dateadd('day', 1, as_of_date()) }}, false)
        or coalesce(stored_rows.{{ column }} >= {{ dbt.dateadd('day', 2, 'stored_rows.future_day') }}, false)
            != coalesce(stored_rows.{{ column }} >= {{ dbt.dateadd('day', 2, future_reference_date()) }}, false)
    {%- endfor %}
    {%- if extra_condition %}
        or ({{ extra_condition }})
    {%- endif %}
{%- endmacro %}

{#- CTEs of an event base model, before its `source` CTE: `rebuilt_raw_days`, the raw days this
    run writes (every day on a full build; on an incremental run the raw days the model no
    longer holds, after its pre_hook), `raw_day_fingerprints` (their fingerprints) and
    `rebuilt_keys` (their row keys, so that the rows of those keys on other days are ranked with
    them; empty on a full build). -#}
{% macro incremental_raw_days(table_name) -%}
{%- set increment = raw_day_increment(table_name) -%}
{%- set source_name = increment.source_name -%}
{%- set day_column = increment.day_column -%}
rebuilt_raw_days as (
    select distinct {{ raw_day(day_column) }} as raw_day
    from {{ raw_relation(source_name, table_name) }}
    {%- if is_incremental() %}
    except
    select distinct raw_day from {{ this }}
    {%- endif %}
),

raw_day_fingerprints as (
    select
        {{ raw_day(day_column) }} as raw_day,
        {{ raw_day_fingerprint(source_name, table_name, increment.checks) }} as raw_fingerprint
    from {{ raw_relation(source_name, table_name) }}
    {%- if is_incremental() %}
    where {{ raw_day(day_column) }} in (select raw_day from rebuilt_raw_days)
    {%- endif %}
    group by {{ raw_day(day_column) }}
),

rebuilt_keys as (
    {%- if is_incremental() %}
    select distinct {{ increment.key_expression }} as row_key
    from {{ raw_relation(source_name, table_name) }}
    where {{ raw_day(day_column) }} in (select raw_day from rebuilt_raw_days)
    {%- else %}
    select cast(null as {{ dbt.type_string() }}) as row_key
    where false
    {%- endif %}
)
{%- endmacro %}

{#- The raw rows of an event base model (raw_source_rows, with their raw_day): every row on a
    full build; on an incremental run the rows of the rebuilt days and the rows sharing a key
    with them. -#}
{% macro incremental_raw_source_rows(table_name) -%}
    {%- set increment = raw_day_increment(table_name) -%}
    {%- set where -%}
        {%- if is_incremental() -%}
            {{ raw_day(increment.day_column) }} in (select raw_day from rebuilt_raw_days)
            or {{ increment.key_expression }} in (select row_key from rebuilt_keys)
        {%- endif -%}
    {%- endset -%}
    {{ raw_source_rows(increment.source_name, table_name, day_column=increment.day_column, where=where) }}
{%- endmacro %}

{#- The columns an event base model adds to its classified rows: the day's raw fingerprint, the
    as_of_date and future limit they were classified with, and the run that wrote them. Renders
    a `select` list tail over `relation` joined to raw_day_fingerprints (which also keeps only the
    rows of the rebuilt days). -#}
{% macro incremental_raw_day_columns() -%}
        raw_day_fingerprints.raw_fingerprint,
        {{ as_of_date() }} as as_of_day,
        {{ future_reference_date() }} as future_day,
        '{{ invocation_id }}' as partition_version
{%- endmacro %}

{#- The key of a web identification (base_web__identities.identity_key): anonymous_id,
    contact_id and identified_at as trimmed text, joined with '|' (a row of the same three values
    twice is a duplicate). Takes the three SQL expressions. -#}
{% macro identity_key(anonymous_id, contact_id, identified_at) -%}
    {{ dbt.concat([
        "coalesce(" ~ anonymous_id ~ ", '')", "'|'",
        "coalesce(" ~ contact_id ~ ", '')", "'|'",
        "coalesce(" ~ identified_at ~ ", '')",
    ]) }}
{%- endmacro %}

{#- identity_key of a raw web_identities row, from its raw columns cleaned as raw_source_rows
    cleans them. -#}
{% macro identity_key_of_raw_row() -%}
    {{ identity_key(
        clean_text('anonymous_id', declared_source_column_type('web', 'web_identities', 'anonymous_id')),
        clean_text('contact_id', declared_source_column_type('web', 'web_identities', 'contact_id')),
        clean_text('identified_at', declared_source_column_type('web', 'web_identities', 'identified_at')),
    ) }}
{%- endmacro %}

{#- The context of a stored form submission (for delete_changed_raw_days): its own contact_id's
    existence and its timestamp as for every event, and the contact its e-mail matches as of
    as_of_date (a form without contact_id belongs to it: base_forms__submissions). -#}
{% macro form_context_changed() -%}
    {%- set extra_joins -%}
    left join (
        select
            email_normalized,
            min(contact_id) as contact_id
        from {{ ref('stg_crm__contacts') }}
        where email_normalized is not null
        group by email_normalized
    ) as contacts_by_email
        on lower(stored_rows.email) = contacts_by_email.email_normalized
    {%- endset -%}
    {%- set increment = raw_day_increment('form_submissions') -%}
    {{ event_context_changed(
        increment.contact_column, increment.timestamp_columns, extra_joins=extra_joins,
        extra_condition="stored_rows.contact_id is distinct from coalesce(stored_rows."
            ~ increment.contact_column ~ ", contacts_by_email.contact_id)") }}
{%- endmacro %}

{#- pre_hook of int_web_events_stitched: delete the events of the raw days stg_web__events
    classified again (another partition_version than the stored source_version, or gone), the
    events whose contact through their visitor is no longer the one of the current identities
    (an identification made, moved back before, or passed to another contact), and every event
    when the bot patterns changed. The model then stitches the clean events it no longer holds. -#}
{% macro delete_changed_stitched_events() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as stored
        where not exists (
            select 1
            from (
                select distinct raw_day, partition_version from {{ ref('stg_web__events') }}
            ) as upstream_days
            where upstream_days.raw_day = stored.raw_day
                and upstream_days.partition_version = stored.source_version
        )
        or stored.bot_patterns_fingerprint != {{ relation_fingerprint(ref('int_scoring__bot_user_agents')) }}
        or (
            (stored.contact_resolved_by is null or stored.contact_resolved_by = 'identity')
            and stored.anonymous_id is not null
            and not exists (
                select 1
                from {{ ref('int_web_identities_resolved') }} as identities
                where identities.scoring_date = {{ as_of_date() }}
                    and identities.anonymous_id = stored.anonymous_id
                    and identities.contact_id = stored.contact_id
            )
            and (
                stored.contact_id is not null
                or exists (
                    select 1
                    from {{ ref('int_web_identities_resolved') }} as identities
                    where identities.scoring_date = {{ as_of_date() }}
                        and identities.anonymous_id = stored.anonymous_id
                )
            )
        )
    {%- endif -%}
{%- endmacro %}

{#- The raw days and versions of the staging models int_activity_log reads by day (every source
    but the web events, which it follows event by event), by source table. -#}
{% macro activity_source_days() -%}
    select 'form_submissions' as source_table, raw_day, partition_version
    from {{ ref('stg_forms__submissions') }}
    group by raw_day, partition_version
    union all
    select 'email_events' as source_table, raw_day, partition_version
    from {{ ref('stg_email__events') }}
    group by raw_day, partition_version
    union all
    select 'event_attendance' as source_table, raw_day, partition_version
    from {{ ref('stg_events__event_attendance') }}
    group by raw_day, partition_version
{%- endmacro %}

{#- pre_hook of int_activity_log: delete the activities of a web event stitched again since (or no
    longer a known contact's), the activities of the other sources' raw days classified again,
    every e-mail activity when the campaigns changed (its detail is its campaign's type), and the
    activities of the event days with an attendance whose event day now lies on the other side of
    as_of_date (an attendance counts from its event day, which may be after the registration).
    The model then builds the activities of what it no longer holds. -#}
{% macro delete_changed_activities() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as stored
        where (
            stored.source_table = 'web_events'
            and not exists (
                select 1
                from {{ ref('int_web_events_stitched') }} as stitched
                where stitched.event_id = stored.source_row_id
                    and stitched.partition_version = stored.source_version
                    and stitched.traffic_class = 'known'
            )
        )
        or (
            stored.source_table != 'web_events'
            and not exists (
                select 1
                from ({{ activity_source_days() }}) as upstream_days
                where upstream_days.source_table = stored.source_table
                    and upstream_days.raw_day = stored.raw_day
                    and upstream_days.partition_version = stored.source_version
            )
        )
        or (
            stored.source_table = 'email_events'
            and stored.campaigns_fingerprint != {{ relation_fingerprint(ref('stg_email__campaigns')) }}
        )
        or (
            stored.source_table = 'event_attendance'
            and stored.raw_day in (
                select attendance.raw_day
                from {{ ref('stg_events__event_attendance') }} as attendance
                where attendance.is_attended
                    and (attendance.event_date <= stored.as_of_day)
                    != (attendance.event_date <= {{ as_of_date() }})
            )
        )
    {%- endif -%}
{%- endmacro %}
