{%- set dimensions = ['lead_source', 'utm_campaign'] -%}

-- Which sources bring customers: one row per dimension and value, with the contacts that
-- exist as of as_of_date and how many of them reached mql, sql, opportunity and customer (that
-- stage or a higher one) by as_of_date. Dimensions: `lead_source` (the contact's current CRM
-- lead_source) and `utm_campaign` (first touch: the utm_campaign of the contact's earliest scored
-- web event that has one). `(none)` when the contact has no value.
with scores as (
    select * from {{ ref('fct_lead_scores') }}
),

contacts as (
    select * from {{ ref('dim_contacts') }}
),

-- scored web events (known contact, no bot) up to as_of_date that carry a campaign
campaign_events as (
    select
        contact_id,
        event_id,
        occurred_at,
        trim(utm_campaign) as utm_campaign
    from {{ ref('int_web_events_stitched') }}
    where traffic_class = 'known'
        and cast(occurred_at as date) <= {{ as_of_date() }}
        and nullif(trim(utm_campaign), '') is not null
),

first_touch as (
    select
        contact_id,
        utm_campaign,
        row_number() over (
            partition by contact_id order by occurred_at asc, event_id asc
        ) as touch_rank
    from campaign_events
),

contact_values as (
    select
        scores.contact_id,
        coalesce(nullif(trim(contacts.lead_source), ''), '(none)') as lead_source,
        coalesce(first_touch.utm_campaign, '(none)') as utm_campaign,
        case when scores.mql_at is not null then 1 else 0 end as is_mql,
        case when scores.sql_at is not null then 1 else 0 end as is_sql,
        case when scores.opportunity_at is not null then 1 else 0 end as is_opportunity,
        case when scores.customer_at is not null then 1 else 0 end as is_customer
    from scores
    inner join contacts
        on scores.contact_id = contacts.contact_id
    left join first_touch
        on scores.contact_id = first_touch.contact_id
            and first_touch.touch_rank = 1
),

per_value as (
    {% for dimension in dimensions %}
        select
            cast('{{ dimension }}' as {{ dbt.type_string() }}) as dimension,
            {{ dimension }} as dimension_value,
            count(*) as contacts,
            sum(is_mql) as mqls,
            sum(is_sql) as sqls,
            sum(is_opportunity) as opportunities,
            sum(is_customer) as customers
        from contact_values
        group by {{ dimension }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        dimension,
        dimension_value as value,
        cast(contacts as {{ dbt.type_int() }}) as contacts,
        cast(mqls as {{ dbt.type_int() }}) as mqls,
        cast(sqls as {{ dbt.type_int() }}) as sqls,
        cast(opportunities as {{ dbt.type_int() }}) as opportunities,
        cast(customers as {{ dbt.type_int() }}) as customers,
        cast(mqls as {{ scoring_type_double() }}) / contacts as mql_rate,
        cast(sqls as {{ scoring_type_double() }}) / contacts as sql_rate,
        cast(customers as {{ scoring_type_double() }}) / contacts as customer_rate,
        {{ as_of_date() }} as as_of_date
    from per_value
)

select * from final
