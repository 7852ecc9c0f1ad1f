-- The fingerprint of everything the score and history models compute a contact from, per
-- scoring day and contact that exists on it: its CRM record and its company's as they stand on
-- the scoring day (the row of int_contacts_enriched, is_later_version included), its deal dates
-- and its CRM override as of that day, its activities up to that day (each activity's id, kind,
-- detail and time, as attributed that day), whether the scoring day is one of its input days
-- (created, an activity, a deal or an override that day), and the typed scoring seeds.
--
-- The incremental score models (macros/scoring/incremental_scoring.sql) recompute a contact only
-- when this changes. When it does not, the contact's rows are the ones a full refresh computes:
-- those rows hold its evaluation days before the scoring day, computed from the inputs above up
-- to each day; the same inputs mean no activity, deal, override or creation after the previous
-- scoring day (they are in the fingerprint), and the same flag means no input day on the
-- previous scoring day either (its row was the scoring-day row then), so the evaluation days
-- before the new scoring day are the same days, scored from the same inputs. Rebuilt by every run.
{%- set seed_models = [
    'int_scoring__fit_rules', 'int_scoring__interest_rules', 'int_scoring__rule_values',
    'int_scoring__grades', 'int_scoring__settings', 'int_scoring__job_title_seniority',
    'int_scoring__free_email_domains',
] %}
{%- set contact_columns = [] %}
{%- if execute %}
    {%- for column in adapter.get_columns_in_relation(ref('int_contacts_enriched'))
        if column.name | lower not in ('scoring_day', 'scoring_date', 'version_date') %}
        {%- do contact_columns.append('contacts.' ~ adapter.quote(column.name)) %}
    {%- endfor %}
{%- endif %}

with contacts as (
    select * from {{ ref('int_contacts_enriched') }}
),

deals as (
    select * from {{ ref('int_contact_deal_dates') }}
),

activities as (
    {{ scoring_day_activities() }}
),

activity_fingerprints as (
    select
        scoring_day,
        contact_id,
        {{ rows_fingerprint(['activity_id', 'activity', 'detail', 'detail_number', 'occurred_at']) }}
            as activities_fingerprint,
        max(activity_date) as last_activity_date
    from activities
    group by scoring_day, contact_id
),

{%- set seed_fingerprints = [] %}
{%- for seed_model in seed_models %}
    {%- do seed_fingerprints.append(relation_fingerprint(ref(seed_model))) %}
{%- endfor %}

seeds as (
    select {{ row_fingerprint(seed_fingerprints) }} as seeds_fingerprint
),

inputs as (
    select
        contacts.scoring_day,
        contacts.contact_id,
        seeds.seeds_fingerprint,
        {{ row_fingerprint(contact_columns if contact_columns else ['contacts.contact_id']) }}
            as contact_fingerprint,
        deals.first_deal_created_date,
        deals.first_deal_won_date,
        case
            when contacts.lifecycle_stage_override = 'sql'
                and cast(contacts.lifecycle_stage_override_at as date) <= contacts.scoring_date
                then cast(contacts.lifecycle_stage_override_at as date)
        end as override_date,
        activity_fingerprints.activities_fingerprint,
        greatest(
            contacts.created_date,
            coalesce(activity_fingerprints.last_activity_date, contacts.created_date),
            coalesce(deals.first_deal_created_date, contacts.created_date),
            coalesce(deals.first_deal_won_date, contacts.created_date),
            case
                when contacts.lifecycle_stage_override = 'sql'
                    and cast(contacts.lifecycle_stage_override_at as date) <= contacts.scoring_date
                    then cast(contacts.lifecycle_stage_override_at as date)
                else contacts.created_date
            end
        ) = contacts.scoring_date as has_input_on_scoring_day
    from contacts
    cross join seeds
    left join deals
        on contacts.scoring_day = deals.scoring_day
            and contacts.contact_id = deals.contact_id
    left join activity_fingerprints
        on contacts.scoring_day = activity_fingerprints.scoring_day
            and contacts.contact_id = activity_fingerprints.contact_id
),

final as (
    select
        scoring_day,
        contact_id,
        {{ row_fingerprint([
            'seeds_fingerprint', 'contact_fingerprint', 'first_deal_created_date',
            'first_deal_won_date', 'override_date', 'activities_fingerprint',
            'has_input_on_scoring_day',
        ]) }} as input_fingerprint
    from inputs
)

select * from final
