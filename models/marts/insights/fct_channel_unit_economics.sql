{#- Revenue efficiency per canonical channel over every month of the
    warehouse (MQL-month cohorts): MQL-to-customer rate, revenue per MQL,
    cost per MQL and per customer, and gross margin from the won
    opportunities behind the revenue (int_leads__milestones applies the
    milestone rule once and carries each lead's won_amount_with_margin and
    won_gross_margin). gross_margin_pct is a percent (72.5 = 72.5 %); won
    amounts without one are left out of the margin and of the revenue it is
    a rate of. -#}
with channel_months as (

    select * from {{ ref('fct_funnel_channel_monthly') }}

),

leads as (

    select
        lead_id,
        channel
    from {{ ref('dim_leads') }}

),

milestones as (

    select
        lead_id,
        won_amount_with_margin,
        won_gross_margin
    from {{ ref('int_leads__milestones') }}

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

channel_margins as (

    select
        leads.channel,
        sum(milestones.won_amount_with_margin) as revenue_with_margin,
        sum(milestones.won_gross_margin) as gross_margin
    from milestones
    inner join leads
        on milestones.lead_id = leads.lead_id
    group by leads.channel

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
    from {{ ref('stg_seeds__channels') }} as channels
    left join channel_totals
        on channels.channel = channel_totals.channel
    left join channel_margins
        on channels.channel = channel_margins.channel

)

select * from final
