-- Why a contact has its score, in words a salesperson reads: the contact's three largest
-- positive components as of as_of_date, each as "<rule description> (+<points>)" with the points
-- rounded to a whole number (half up), largest first (ties: rule_id), joined by "; ". The one
-- place the reasons are written: fct_lead_scores.top_reasons and mart_sales_handover read them.
with components as (
    select * from {{ ref('fct_lead_score_components') }}
    where points > 0
),

worded as (
    select
        contact_id,
        {{ dbt.concat([
            'coalesce(rule_description, rule_id)',
            "' (+'",
            'cast(cast(floor(points + 0.5) as ' ~ dbt.type_bigint() ~ ') as ' ~ dbt.type_string() ~ ')',
            "')'",
        ]) }} as reason,
        row_number() over (partition by contact_id order by points desc, rule_id asc) as reason_rank
    from components
),

top_three as (
    select
        contact_id,
        max(case when reason_rank = 1 then reason end) as first_reason,
        max(case when reason_rank = 2 then reason end) as second_reason,
        max(case when reason_rank = 3 then reason end) as third_reason,
        count(*) as reason_count
    from worded
    where reason_rank <= 3
    group by contact_id
),

final as (
    select
        contact_id,
        case
            when second_reason is null then first_reason
            when third_reason is null
                then {{ dbt.concat(['first_reason', "'; '", 'second_reason']) }}
            else {{ dbt.concat(['first_reason', "'; '", 'second_reason', "'; '", 'third_reason']) }}
        end as top_reasons,
        cast(reason_count as {{ dbt.type_int() }}) as reason_count
    from top_three
)

select * from final
