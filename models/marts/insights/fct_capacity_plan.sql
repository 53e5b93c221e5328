{#- MQLs each channel needs per month to close capacity_target_deals deals
    on its own, at its trailing rates: the pooled MQL-to-SQL rate
    (SQLs / MQLs) and close rate (customers / SQLs) of the
    capacity_trailing_months months ending with the month (fewer at the
    start of the data; see months_in_window). 10 deals at a 25 % close rate
    and 20 % MQL-to-SQL need 10 / (0.25 x 0.20) = 200 MQLs. NULL while
    either trailing rate is 0 or undefined. Recent cohorts are still
    maturing, so their close rate understates the final one. -#}
with channel_months as (

    select
        month,
        channel,
        mqls,
        sqls,
        customers
    from {{ ref('fct_funnel_channel_monthly') }}

),

trailing_totals as (

    select
        month,
        channel,
        mqls,
        count(*) over (
            partition by channel
            order by month
            rows between {{ var('capacity_trailing_months') - 1 }} preceding and current row
        ) as months_in_window,
        sum(mqls) over (
            partition by channel
            order by month
            rows between {{ var('capacity_trailing_months') - 1 }} preceding and current row
        ) as trailing_mqls,
        sum(sqls) over (
            partition by channel
            order by month
            rows between {{ var('capacity_trailing_months') - 1 }} preceding and current row
        ) as trailing_sqls,
        sum(customers) over (
            partition by channel
            order by month
            rows between {{ var('capacity_trailing_months') - 1 }} preceding and current row
        ) as trailing_customers
    from channel_months

),

trailing_rates as (

    select
        month,
        channel,
        mqls,
        months_in_window,
        trailing_mqls,
        trailing_sqls,
        trailing_customers,
        {{ safe_divide('trailing_mqls', 'months_in_window') }} as trailing_avg_monthly_mqls,
        {{ safe_divide('trailing_sqls', 'trailing_mqls') }} as trailing_mql_to_sql_rate,
        {{ safe_divide('trailing_customers', 'trailing_sqls') }} as trailing_close_rate
    from trailing_totals

),

plans as (

    select
        month,
        channel,
        mqls,
        months_in_window,
        trailing_mqls,
        trailing_sqls,
        trailing_customers,
        trailing_avg_monthly_mqls,
        trailing_mql_to_sql_rate,
        trailing_close_rate,
        {{ var('capacity_target_deals') }} as target_deals,
        case
            when trailing_close_rate > 0 and trailing_mql_to_sql_rate > 0
                then {{ mqls_needed(var('capacity_target_deals'), 'trailing_close_rate', 'trailing_mql_to_sql_rate') }}
        end as mqls_needed
    from trailing_rates

),

final as (

    select
        month,
        channel,
        mqls,
        months_in_window,
        trailing_mqls,
        trailing_sqls,
        trailing_customers,
        trailing_avg_monthly_mqls,
        trailing_mql_to_sql_rate,
        trailing_close_rate,
        target_deals,
        mqls_needed,
        mqls_needed - trailing_avg_monthly_mqls as mql_gap
    from plans

)

select * from final
