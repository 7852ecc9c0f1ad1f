{#- Running totals of dated changes, read on given days: for every row of `probes`, each total of
    the `changes` rows with the same partition_by columns dated on or before its probe_date
    (changes of that day included). What decay, windows, inactivity and conversions need on
    every evaluation day, in one pass over the changes sorted by day: no change is paired with
    every later day.

    `changes` and `probes` are relation or CTE names; `partition_by` a list of column names both
    have, never null; `change_date` / `probe_date` their date columns; `totals` a list of
    {'name': output column, 'aggregate': 'sum', 'max' or 'min', 'column': column of changes}.
    Renders a select of every probe column and the totals (null when no change is dated on or
    before the probe's day). The probes must be unique on partition_by and probe_date.
    Dispatched: DuckDB reads the running totals with an ASOF join; default__ runs on PostgreSQL
    and Spark. -#}
{% macro running_totals_on_days(changes, probes, partition_by, change_date, probe_date, totals) -%}
    {%- for total in totals if total.aggregate not in ['sum', 'max', 'min'] -%}
        {{ exceptions.raise_compiler_error(
            "running_totals_on_days: total '" ~ total.name ~ "' has aggregate '" ~ total.aggregate
            ~ "'; a running total is read from per-day totals, which only sum, max and min allow") }}
    {%- endfor -%}
    {{ return(adapter.dispatch('running_totals_on_days', 'lead_scoring')(
        changes, probes, partition_by, change_date, probe_date, totals)) }}
{%- endmacro %}

{#- The changes of one partition and day added up into one row per day (the grain at which a
    running total is read). -#}
{% macro running_totals_per_day(changes, partition_by, change_date, totals) -%}
    select
        {{ partition_by | join(', ') }},
        {{ change_date }} as running_date,
        {%- for total in totals %}
        {{ total.aggregate }}({{ total.column }}) as {{ total.name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ changes }}
    group by
        {{ partition_by | join(', ') }},
        {{ change_date }}
{%- endmacro %}

{#- One running total over the rows of a partition in day order (on default__, day_order puts a
    probe after the changes of its day). -#}
{% macro running_total_window(total, partition_by, order_by) -%}
    {{ total.aggregate }}({{ total.name }}) over (
        partition by {{ partition_by | join(', ') }}
        order by {{ order_by | join(', ') }}
        rows between unbounded preceding and current row
    )
{%- endmacro %}

{#- The totals of the running rows, as the columns a probe gets. -#}
{% macro running_totals_columns(totals) -%}
    {%- for total in totals -%}
        running.{{ total.name }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- A probe and a running row of the same partition. -#}
{% macro running_totals_partition_matches(partition_by) -%}
    {%- for column in partition_by -%}
        probes.{{ column }} = running.{{ column }}{{ ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- DuckDB: the running totals of the days with changes, and an ASOF join takes for each probe
    the latest of those days on or before it. -#}
{% macro duckdb__running_totals_on_days(changes, probes, partition_by, change_date, probe_date, totals) -%}
    select
        probes.*,
        {{ running_totals_columns(totals) }}
    from {{ probes }} as probes
    asof left join (
        select
            {{ partition_by | join(', ') }},
            running_date,
            {%- for total in totals %}
            {{ running_total_window(total, partition_by, ['running_date']) }}
                as {{ total.name }}{{ ',' if not loop.last }}
            {%- endfor %}
        from ({{ running_totals_per_day(changes, partition_by, change_date, totals) }}) as per_day
    ) as running
        on {{ running_totals_partition_matches(partition_by) }}
            and probes.{{ probe_date }} >= running.running_date
{%- endmacro %}

{#- Elsewhere: the days with changes and the probe days in one sequence per partition, a probe
    day after the changes of the same day; the running totals are read on the probe days. -#}
{% macro default__running_totals_on_days(changes, probes, partition_by, change_date, probe_date, totals) -%}
    select
        probes.*,
        {{ running_totals_columns(totals) }}
    from {{ probes }} as probes
    inner join (
        select * from (
            select
                {{ partition_by | join(', ') }},
                running_date,
                day_order,
                {%- for total in totals %}
                {{ running_total_window(total, partition_by, ['running_date', 'day_order']) }}
                    as {{ total.name }}{{ ',' if not loop.last }}
                {%- endfor %}
            from (
                select
                    per_day.*,
                    0 as day_order
                from ({{ running_totals_per_day(changes, partition_by, change_date, totals) }}) as per_day
                union all
                select
                    {{ partition_by | join(', ') }},
                    {{ probe_date }} as running_date,
                    {%- for total in totals %}
                    null as {{ total.name }},
                    {%- endfor %}
                    1 as day_order
                from {{ probes }}
            ) as days
        ) as sequenced
        where day_order = 1
    ) as running
        on {{ running_totals_partition_matches(partition_by) }}
            and probes.{{ probe_date }} = running.running_date
{%- endmacro %}
