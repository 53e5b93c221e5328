{#- Each benchmarked channel-month against seed channel_benchmarks: the
    top-of-funnel rate (visitor-to-MQL, or attendee-to-MQL where the seed's
    rate_basis is attendees), MQL-to-SQL and cost per MQL, each below, within
    or above its inclusive range. A rate below its range, or a cost per MQL
    above it, underperforms and carries the channel's action of seed
    channel_benchmark_actions. -#}
{#- One metric_rows branch per benchmarked metric: its name (an expression),
    its direction, and the prefix of its benchmarked_months columns
    <prefix>_value, <prefix>_min and <prefix>_max. -#}
{%- set benchmarked_metrics = [
    {'metric': 'top_of_funnel_metric', 'higher_is_better': 'true', 'columns': 'top_of_funnel'},
    {'metric': "'mql_to_sql_rate'", 'higher_is_better': 'true', 'columns': 'mql_to_sql'},
    {'metric': "'cost_per_mql'", 'higher_is_better': 'false', 'columns': 'cost_per_mql'},
] %}
with channel_months as (

    select * from {{ ref('fct_funnel_channel_monthly') }}

),

benchmarks as (

    select * from {{ ref('stg_seeds__channel_benchmarks') }}

),

benchmark_actions as (

    select * from {{ ref('stg_seeds__channel_benchmark_actions') }}

),

benchmarked_months as (

    select
        channel_months.month,
        channel_months.channel,
        benchmarks.visitor_to_mql_min as top_of_funnel_min,
        benchmarks.visitor_to_mql_max as top_of_funnel_max,
        channel_months.mql_to_sql_rate as mql_to_sql_value,
        benchmarks.mql_to_sql_min,
        benchmarks.mql_to_sql_max,
        channel_months.cost_per_mql as cost_per_mql_value,
        benchmarks.cost_per_mql_min,
        benchmarks.cost_per_mql_max,
        case
            when benchmarks.rate_basis = 'attendees' then 'attendee_to_mql_rate'
            else 'visitor_to_mql_rate'
        end as top_of_funnel_metric,
        case
            when benchmarks.rate_basis = 'attendees' then channel_months.attendee_to_mql_rate
            else channel_months.visitor_to_mql_rate
        end as top_of_funnel_value
    from channel_months
    inner join benchmarks
        on channel_months.channel = benchmarks.channel

),

metric_rows as (

    {%- for benchmarked in benchmarked_metrics %}
        select
            month,
            channel,
            {{ benchmarked.metric }} as metric,
            {{ benchmarked.higher_is_better }} as higher_is_better,
            cast({{ benchmarked.columns }}_value as {{ type_double() }}) as actual_value,
            cast({{ benchmarked.columns }}_min as {{ type_double() }}) as benchmark_min,
            cast({{ benchmarked.columns }}_max as {{ type_double() }}) as benchmark_max
        from benchmarked_months
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

statuses as (

    select
        month,
        channel,
        metric,
        higher_is_better,
        actual_value,
        benchmark_min,
        benchmark_max,
        {{ range_status('actual_value', 'benchmark_min', 'benchmark_max') | indent(8) }} as status
    from metric_rows

),

final as (

    select
        statuses.month,
        statuses.channel,
        statuses.metric,
        statuses.actual_value,
        statuses.benchmark_min,
        statuses.benchmark_max,
        statuses.higher_is_better,
        statuses.status,
        case
            when statuses.status is null then null
            when statuses.higher_is_better then statuses.status = 'below'
            else statuses.status = 'above'
        end as is_underperforming,
        case
            when
                (statuses.higher_is_better and statuses.status = 'below')
                or (not statuses.higher_is_better and statuses.status = 'above')
                then benchmark_actions.action_if_below_benchmark
        end as recommended_action
    from statuses
    left join benchmark_actions
        on statuses.channel = benchmark_actions.channel

)

select * from final
