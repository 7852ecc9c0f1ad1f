-- Fct_lead_scores has exactly one row per contact that exists as of as_of_date
-- (int_contacts_enriched): the same number of rows, and no contact missing on either side.
with contacts as (
    select contact_id from {{ ref('int_contacts_enriched') }}
    where scoring_date = {{ as_of_date() }}
),

scores as (
    select contact_id from {{ ref('fct_lead_scores') }}
),

row_counts as (
    select
        (select count(*) from contacts) as contact_rows,
        (select count(*) from scores) as score_rows
),

count_mismatch as (
    select
        cast(null as {{ dbt.type_string() }}) as contact_id,
        'row counts differ' as problem
    from row_counts
    where contact_rows != score_rows
),

missing_score as (
    select
        contacts.contact_id,
        'contact without a score row' as problem
    from contacts
    left join scores
        on contacts.contact_id = scores.contact_id
    where scores.contact_id is null
),

unknown_contact as (
    select
        scores.contact_id,
        'score row of a contact that does not exist as of as_of_date' as problem
    from scores
    left join contacts
        on scores.contact_id = contacts.contact_id
    where contacts.contact_id is null
)

select * from count_mismatch
union all
select * from missing_score
union all
select * from unknown_contact
