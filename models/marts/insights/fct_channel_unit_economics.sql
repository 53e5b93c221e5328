{#- Revenue efficiency per canonical channel over every month of the
    warehouse (MQL-month cohorts): MQL-to-customer rate, revenue per MQL,
    cost per MQL and per customer, and gross margin from the won
    opportunities behind the revenue (those counted in dim_leads.won_amount:
    won, created at or after the lead's sql_at). gross_margin_pct is a
    percent (72.5 = 72.5 %); won amounts without one are left out of the
    margin and of the revenue it is a rate of. -#}
with channel_months as (

    select * from {{ ref('fct_funnel_channel_monthly') }}

),

channels as (

    select * from {{ ref('channels') }}

),

leads as (

    select * from {{ ref('dim_leads') }}

),

opportunities as (

    select * from {{ ref('int_audit__crm_opportunities') }}

),

channel_totals as (

    select
        channel,
        sum(mqls) as mqls,
        sum(sqls) as sqls,
        sum(customers) as customers,
        sum(revenue) as revenue,
        sum(spend) as spend
    from channel_months
    group by channel

),

won_opportunities as (

    select
        leads.channel,
        cast(opportunities.amount as {{ type_double() }}) as amount,
        opportunities.gross_margin_pct
    from opportunities
    inner join leads
        on opportunities.lead_id = leads.lead_id
    where
        opportunities.row_bucket = 'used'
        and opportunities.is_won
        and opportunities.created_at >= leads.sql_at
        and leads.closed_won_at is not null

),

channel_margins as (

    select
        channel,
        sum(case when gross_margin_pct is not null then amount end) as revenue_with_margin,
        sum(amount * gross_margin_pct / 100.0) as gross_margin
    from won_opportunities
    group by channel

),

final as (

    select
        channels.channel,
        cast(coalesce(channel_totals.mqls, 0) as {{ dbt.type_bigint() }}) as mqls,
        cast(coalesce(channel_totals.sqls, 0) as {{ dbt.type_bigint() }}) as sqls,
        cast(coalesce(channel_totals.customers, 0) as {{ dbt.type_bigint() }}) as customers,
        cast(coalesce(channel_totals.revenue, 0) as {{ type_money() }}) as revenue,
        cast(coalesce(channel_totals.spend, 0) as {{ type_money() }}) as spend,
        coalesce(channel_margins.revenue_with_margin, 0) as revenue_with_margin,
        coalesce(channel_margins.gross_margin, 0) as gross_margin,
        {{ safe_divide('channel_totals.customers', 'channel_totals.mqls') }} as mql_to_customer_rate,
        {{ safe_divide('channel_totals.revenue', 'channel_totals.mqls') }} as revenue_per_mql,
        {{ safe_divide('channel_totals.spend', 'channel_totals.mqls') }} as cost_per_mql,
        {{ safe_divide('channel_totals.spend', 'channel_totals.customers') }} as cost_per_customer,
        {{ safe_divide('channel_margins.gross_margin', 'channel_margins.revenue_with_margin') }} as gross_margin_rate,
        {{ safe_divide('channel_margins.gross_margin', 'channel_totals.mqls') }} as gross_margin_per_mql,
        {{ safe_divide('channel_margins.gross_margin', 'channel_totals.spend') }} as gross_margin_to_spend
    from channels
    left join channel_totals
        on channels.channel = channel_totals.channel
    left join channel_margins
        on channels.channel = channel_margins.channel

)

select * from final
