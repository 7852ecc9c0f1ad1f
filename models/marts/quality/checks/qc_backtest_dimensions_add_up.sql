-- Each dimension of the backtest splits the whole population, and its conversions, into its
-- buckets: one row per dimension, the leads and conversions it misses or counts twice.
with per_dimension as (
    select
        dimension,
        sum(leads) as leads,
        sum(conversions) as conversions
    from {{ ref('mart_scoring_performance') }}
    where dimension != 'overall'
    group by dimension
),

overall as (
    select
        leads,
        conversions
    from {{ ref('mart_scoring_performance') }}
    where dimension = 'overall'
)

select
    per_dimension.dimension,
    abs(per_dimension.leads - overall.leads)
    + abs(per_dimension.conversions - overall.conversions) as difference
from per_dimension
cross join overall
