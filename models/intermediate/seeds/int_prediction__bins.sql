-- The bins of the predictive score (SPEC §6; seeds/prediction_bins.csv): per bin set, bins
-- [lower_bound, upper_bound), the upper bound being the next bin's lower bound (none for the last
-- bin), with the words that name the bin in the factors.
with bins_seed as (
    select * from {{ ref('prediction_bins') }}
),

typed as (
    select
        {{ scoring_seed_lower('bin_set') }} as bin_set,
        {{ scoring_seed_number('lower_bound') }} as lower_bound,
        {{ scoring_seed_text('words') }} as words
    from bins_seed
),

final as (
    select
        bin_set,
        lower_bound,
        lead(lower_bound) over (partition by bin_set order by lower_bound) as upper_bound,
        words
    from typed
)

select * from final
