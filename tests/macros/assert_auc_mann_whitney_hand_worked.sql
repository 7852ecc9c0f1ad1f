-- auc_mann_whitney on hand-worked examples: a row is returned for every example whose AUC differs
-- from the one worked out by hand below (or is null when it should not be, or the other way).
--
-- `ties`: converted scores 0.9, 0.6, 0.4; not converted 0.6, 0.3. The 3 × 2 = 6 pairs
--   (converted, not converted): (0.9, 0.6) 1, (0.9, 0.3) 1, (0.6, 0.6) tie ½, (0.6, 0.3) 1,
--   (0.4, 0.6) 0, (0.4, 0.3) 1  ->  4.5 / 6 = 0.75.
--   By ranks: 0.3 -> 1, 0.4 -> 2, 0.6 and 0.6 -> 3.5 each, 0.9 -> 5; converted ranks
--   5 + 3.5 + 2 = 10.5; (10.5 − 3 × 4 / 2) / 6 = 4.5 / 6 = 0.75.
-- `perfect`: converted 5, 4; not converted 1  ->  2 of 2 pairs won = 1.
-- `reversed`: converted 1; not converted 2, 3  ->  0 of 2 pairs = 0.
-- `all_tied`: converted 7; not converted 7, 7  ->  2 ties of ½ / 2 pairs = 0.5.
-- `with_nulls`: converted 0.8 and one without score; not converted 0.2; one row without label
--   (score 0.1): the rows with a null are left out -> 1 of 1 pair = 1.
-- `only_converted`: converted 1, 2, nobody not converted  ->  null (no pair).
with examples as (
    select 'ties' as example, cast(0.9 as {{ scoring_type_double() }}) as score, true as is_converted
    union all
    select 'ties', 0.6, true
    union all
    select 'ties', 0.4, true
    union all
    select 'ties', 0.6, false
    union all
    select 'ties', 0.3, false
    union all
    select 'perfect', 5, true
    union all
    select 'perfect', 4, true
    union all
    select 'perfect', 1, false
    union all
    select 'reversed', 1, true
    union all
    select 'reversed', 2, false
    union all
    select 'reversed', 3, false
    union all
    select 'all_tied', 7, true
    union all
    select 'all_tied', 7, false
    union all
    select 'all_tied', 7, false
    union all
    select 'with_nulls', 0.8, true
    union all
    select 'with_nulls', null, true
    union all
    select 'with_nulls', 0.2, false
    union all
    select 'with_nulls', 0.1, null
    union all
    select 'only_converted', 1, true
    union all
    select 'only_converted', 2, true
),

expected as (
    select 'ties' as example, cast(0.75 as {{ scoring_type_double() }}) as expected_auc
    union all
    select 'perfect', 1
    union all
    select 'reversed', 0
    union all
    select 'all_tied', 0.5
    union all
    select 'with_nulls', 1
    union all
    select 'only_converted', null
),

computed as (
    {{ auc_mann_whitney('examples', ['score'], 'is_converted', group_by=['example']) }}
),

compared as (
    select
        expected.example,
        expected.expected_auc,
        computed.score_auc
    from expected
    left join computed
        on expected.example = computed.example
)

select * from compared
where not coalesce(
    (expected_auc is null and score_auc is null)
    or abs(expected_auc - score_auc) < 0.000000001,
    false
)
