{#- MQLs each channel needs per month to close capacity_target_deals deals
    on its own, at its trailing rates: the pooled MQL-to-SQL rate
    (SQLs / MQLs) and close rate (customers / SQLs) of the
    capacity_trailing_months months ending with the month (fewer at the
    start of the data; see months_in_window). 10 deals at a 25 % close rate
    and 20 % MQL-to-SQL need 10 / (0.25 x 0.20) = 200 MQLs. NULL while
    either trailing rate is 0 or undefined. Recent cohorts are still
    maturing, so their close rate understates the final one. -#}
{#- The window of the trailing totals: the channel's
    capacity_trailing_months months ending with the month. -#}
{%- set trailing_window -%}
    partition by channel order by month rows between {{ number_var('capacity_trailing_months') - 1 }} preceding and current row
{%- endset -%}
{#- The columns trailing_rates carries over unchanged. -#}
{%- set trailing_columns = [
    'month', 'channel', 'mqls', 'months_in_window', 'trailing_mqls', 'trailing_sqls', 'trailing_customers',
] -%}
{#- A plan needs both trailing rates above 0; it then asks for
    trailing_mqls_needed MQLs a month (macro mqls_needed). -#}
{%- set has_trailing_rates = 'trailing_close_rate > 0 and trailing_mql_to_sql_rate > 0' -%}
{%- set trailing_mqls_needed = mqls_needed(
    var('capacity_target_deals'), 'trailing_close_rate', 'trailing_mql_to_sql_rate'
) -%}
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
        count(*) over ({{ trailing_window }}) as months_in_window,
        sum(mqls) over ({{ trailing_window }}) as trailing_mqls,
        sum(sqls) over ({{ trailing_window }}) as trailing_sqls,
        sum(customers) over ({{ trailing_window }}) as trailing_customers
    from channel_months

),

trailing_rates as (

    select
        {%- for column in trailing_columns %}
            {{ column }},
        {%- endfor %}
        {{ safe_divide('trailing_mqls', 'months_in_window') }} as trailing_avg_monthly_mqls,
        {{ safe_divide('trailing_sqls', 'trailing_mqls') }} as trailing_mql_to_sql_rate,
        {{ safe_divide('trailing_customers', 'trailing_sqls') }} as trailing_close_rate
    from trailing_totals

),

final as (

    select
        month,
        channel,
        mqls,
        months_in_window,
        cast(trailing_mqls as {{ dbt.type_bigint() }}) as trailing_mqls,
        cast(trailing_sqls as {{ dbt.type_bigint() }}) as trailing_sqls,
        cast(trailing_customers as {{ dbt.type_bigint() }}) as trailing_customers,
        trailing_avg_monthly_mqls,
        trailing_mql_to_sql_rate,
        trailing_close_rate,
        {{ var('capacity_target_deals') }} as target_deals,
        case
            when {{ has_trailing_rates }} then {{ trailing_mqls_needed }}
        end as mqls_needed,
        case
            when {{ has_trailing_rates }} then {{ trailing_mqls_needed }} - trailing_avg_monthly_mqls
        end as mql_gap
    from trailing_rates

)

select * from final
