-- The features of the predictive score in long form: one row per scoring day, contact that exists
-- on it and feature of int_prediction__features, read on that day exactly as the rules engine
-- reads it (the CRM versions in force that day, the activities up to that day as attributed that
-- day), never later. By feature_kind:
--   attribute: the fit attribute's value (int_contact_attribute_values), lower-cased; a number
--     through its bins;
--   activity:  the number of the contact's activities of that kind on or before the day and, with
--     window_days, less than window_days days before it (int_scoring_day_activities), through its
--     bins (0 is a bin too);
--   score:     the rules' fit_score, interest_score or lead_score that day
--     (int_lead_scores_on_scoring_day), through its bins;
--   recency:   the days from the contact's last activity of that kind (`any`: any activity but
--     e-mail bounces and unsubscribes; `created`: the contact's creation) to the day, through its
--     bins;
--   first_touch: the detail of the contact's first activity of that kind (the channel of its
--     first campaign click, the page of its first page view, ...), as a category; with a bin set,
--     how many contacts of the day share that first touch (the popularity of a landing page),
--     through its bins.
-- No value (or a number below the first bin) is the value '(none)'. feature_words names the value
-- in the factors: "Industry is software", "Industry unknown", "Employees 200–999",
-- "3–5 e-mail clicks in 90 days", "Interest score 50–99", "First campaign click cpc/google".
with features as (
    select * from {{ ref('int_prediction__features') }}
),

bins as (
    select * from {{ ref('int_prediction__bins') }}
),

contacts as (
    select
        scoring_day,
        scoring_date,
        contact_id,
        created_date
    from {{ ref('int_contacts_enriched') }}
),

activities as (
    select
        scoring_day,
        contact_id,
        activity_id,
        activity,
        detail,
        occurred_at,
        activity_date
    from {{ ref('int_scoring_day_activities') }}
),

attribute_values as (
    select
        attribute_values.scoring_day,
        attribute_values.contact_id,
        features.feature,
        attribute_values.value_text,
        attribute_values.value_number
    from {{ ref('int_contact_attribute_values') }} as attribute_values
    inner join features
        on attribute_values.attribute = features.source_field
    where features.feature_kind = 'attribute'
),

-- activities up to the day, per feature: with window_days, less than window_days days before it
activity_counts as (
    select
        activities.scoring_day,
        activities.contact_id,
        features.feature,
        count(*) as activity_count
    from activities
    inner join contacts
        on activities.scoring_day = contacts.scoring_day
            and activities.contact_id = contacts.contact_id
    inner join features
        on activities.activity = features.source_field
    where features.feature_kind = 'activity'
        and (
            features.window_days is null
            or {{ dbt.datediff('activities.activity_date', 'contacts.scoring_date', 'day') }}
            < features.window_days
        )
    group by activities.scoring_day, activities.contact_id, features.feature
),

scores as (
    {%- for score in ['fit_score', 'interest_score', 'lead_score'] %}
        select
            scoring_day,
            contact_id,
            '{{ score }}' as source_field,
            {{ score }} as score
        from {{ ref('int_lead_scores_on_scoring_day') }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

score_values as (
    select
        scores.scoring_day,
        scores.contact_id,
        features.feature,
        scores.score
    from scores
    inner join features
        on scores.source_field = features.source_field
    where features.feature_kind = 'score'
),

last_activities as (
    select
        activities.scoring_day,
        activities.contact_id,
        features.feature,
        max(activities.activity_date) as last_activity_date
    from activities
    inner join features
        on activities.activity = features.source_field
            or (
                features.source_field = 'any'
                and activities.activity not in ('email_bounce', 'email_unsubscribe')
            )
    where features.feature_kind = 'recency'
    group by activities.scoring_day, activities.contact_id, features.feature
),

-- the first activity of the kind (ties: the smallest activity_id), whose detail is the value
first_touches as (
    select
        scoring_day,
        contact_id,
        feature,
        detail
    from (
        select
            activities.scoring_day,
            activities.contact_id,
            features.feature,
            activities.detail,
            row_number() over (
                partition by activities.scoring_day, activities.contact_id, features.feature
                order by activities.occurred_at, activities.activity_id
            ) as touch_rank
        from activities
        inner join features
            on activities.activity = features.source_field
        where features.feature_kind = 'first_touch'
    ) as ranked_touches
    where touch_rank = 1
),

-- how many contacts of the day share each first touch (for a first_touch feature with bins)
first_touch_counts as (
    select
        scoring_day,
        feature,
        lower(detail) as detail,
        count(*) as contacts_sharing
    from first_touches
    group by scoring_day, feature, lower(detail)
),

-- one row per day, contact and feature: the feature's text value and its number, before bins
valued as (
    select
        contacts.scoring_day,
        contacts.contact_id,
        features.feature,
        features.feature_kind,
        features.bin_set,
        features.words,
        case
            when features.feature_kind = 'attribute' then attribute_values.value_text
            when features.feature_kind = 'first_touch' then lower(first_touches.detail)
        end as value_text,
        case
            when features.feature_kind = 'attribute' then attribute_values.value_number
            when features.feature_kind = 'activity' then coalesce(activity_counts.activity_count, 0)
            when features.feature_kind = 'score' then score_values.score
            when features.feature_kind = 'recency' and features.source_field = 'created'
                then {{ dbt.datediff('contacts.created_date', 'contacts.scoring_date', 'day') }}
            when features.feature_kind = 'recency'
                then {{ dbt.datediff('last_activities.last_activity_date', 'contacts.scoring_date', 'day') }}
            when features.feature_kind = 'first_touch' then first_touch_counts.contacts_sharing
        end as value_number
    from contacts
    cross join features
    left join attribute_values
        on contacts.scoring_day = attribute_values.scoring_day
            and contacts.contact_id = attribute_values.contact_id
            and features.feature = attribute_values.feature
    left join activity_counts
        on contacts.scoring_day = activity_counts.scoring_day
            and contacts.contact_id = activity_counts.contact_id
            and features.feature = activity_counts.feature
    left join score_values
        on contacts.scoring_day = score_values.scoring_day
            and contacts.contact_id = score_values.contact_id
            and features.feature = score_values.feature
    left join last_activities
        on contacts.scoring_day = last_activities.scoring_day
            and contacts.contact_id = last_activities.contact_id
            and features.feature = last_activities.feature
    left join first_touches
        on contacts.scoring_day = first_touches.scoring_day
            and contacts.contact_id = first_touches.contact_id
            and features.feature = first_touches.feature
    left join first_touch_counts
        on first_touches.scoring_day = first_touch_counts.scoring_day
            and first_touches.feature = first_touch_counts.feature
            and lower(first_touches.detail) = first_touch_counts.detail
),

binned as (
    select
        valued.scoring_day,
        valued.contact_id,
        valued.feature,
        valued.feature_kind,
        valued.bin_set,
        valued.words,
        case
            when valued.bin_set is null then valued.value_text
            else bins.words
        end as feature_value
    from valued
    left join bins
        on valued.bin_set = bins.bin_set
            and valued.value_number >= bins.lower_bound
            and (bins.upper_bound is null or valued.value_number < bins.upper_bound)
),

final as (
    select
        scoring_day,
        contact_id,
        feature,
        feature_kind,
        coalesce(feature_value, '(none)') as feature_value,
        case
            when feature_value is null and feature_kind = 'activity'
                then {{ dbt.concat(['words', "' (no bin)'"]) }}
            when feature_value is null and feature_kind in ('recency', 'first_touch')
                then {{ dbt.concat(['words', "': none'"]) }}
            when feature_value is null then {{ dbt.concat(['words', "' unknown'"]) }}
            when feature_kind = 'activity' then {{ dbt.concat(['feature_value', "' '", 'words']) }}
            when feature_kind = 'first_touch' and bin_set is not null
                then {{ dbt.concat(['words', "' shared by '", 'feature_value']) }}
            when bin_set is not null or feature_kind = 'first_touch'
                then {{ dbt.concat(['words', "' '", 'feature_value']) }}
            else {{ dbt.concat(['words', "' is '", 'feature_value']) }}
        end as feature_words
    from binned
)

select * from final
