{#- Funnel counts per month and channel: every canonical channel in every
    month from the first to the last with any non-zero count or spend.
    Leads and milestones count in the lead's channel (MQL-month cohorts),
    visitors in their channel of the month, spend in its own channel, and
    every attendee under the attendee channel. -#}
with channels as (

    select channel
    from {{ ref('stg_seeds__channels') }}

),

leads as (

    select
        lead_id,
        channel,
        created_at
    from {{ ref('int_leads__enriched') }}

),

milestones as (

    select
        lead_id,
        mql_at,
        sql_at,
        opportunity_at,
        closed_won_at,
        won_amount
    from {{ ref('int_leads__milestones') }}

),

visitor_months as (

    select
        month,
        channel,
        count(*) as visitors
    from {{ ref('int_visitors__monthly_first_touch') }}
    group by month, channel

),

attendee_months as (

    select
        {{ month_of('attended_at') }} as month,
        '{{ var("attendee_channel") }}' as channel,
        count(distinct lead_id) as attendees
    from {{ ref('int_event_attendance__used') }}
    where attended
    group by {{ month_of('attended_at') }}

),

lead_months as (

    select
        {{ month_of('created_at') }} as month,
        channel,
        count(*) as leads
    from leads
    group by {{ month_of('created_at') }}, channel

),

mql_cohorts as (

    select
        {{ month_of('milestones.mql_at') }} as month,
        leads.channel,
        count(*) as mqls,
        count(milestones.sql_at) as sqls,
        count(milestones.opportunity_at) as opportunities,
        count(milestones.closed_won_at) as customers,
        sum(milestones.won_amount) as revenue
    from milestones
    inner join leads
        on milestones.lead_id = leads.lead_id
    group by {{ month_of('milestones.mql_at') }}, leads.channel

),

ad_spend_months as (

    select
        {{ month_of('ad_spend.spend_date') }} as month,
        channel_map.channel,
        sum(ad_spend.spend) as spend
    from {{ ref('int_ad_spend__used') }} as ad_spend
    inner join {{ ref('int_channels__source_map') }} as channel_map
        on
            ad_spend.utm_source = channel_map.utm_source
            and ad_spend.utm_medium = channel_map.utm_medium
            and ad_spend.referrer_host = channel_map.referrer_host
    group by {{ month_of('ad_spend.spend_date') }}, channel_map.channel

),

program_cost_months as (

    select
        cost_month as month,
        channel,
        sum(cost) as spend
    from {{ ref('int_program_costs__used') }}
    group by cost_month, channel

),

spend_months as (

    select
        month,
        channel,
        sum(spend) as spend
    from (
        select
            month,
            channel,
            spend
        from ad_spend_months
        union all
        select
            month,
            channel,
            spend
        from program_cost_months
    ) as spend_sources
    group by month, channel

),

active_months as (

    select month from visitor_months
    union
    select month from attendee_months
    union
    select month from lead_months
    union
    select month from mql_cohorts
    union
    select month from spend_months
    where spend <> 0

),

month_bounds as (

    select
        min(month) as first_month,
        max(month) as last_month
    from active_months

),

months as (

    {{ month_spine(
        start_month='(select first_month from month_bounds)',
        end_month='(select last_month from month_bounds)',
    ) | indent(4) }}

),

channel_months as (

    select
        months.month,
        channels.channel,
        cast(coalesce(visitor_months.visitors, 0) as {{ dbt.type_bigint() }}) as visitors,
        cast(coalesce(attendee_months.attendees, 0) as {{ dbt.type_bigint() }}) as attendees,
        cast(coalesce(lead_months.leads, 0) as {{ dbt.type_bigint() }}) as leads,
        cast(coalesce(mql_cohorts.mqls, 0) as {{ dbt.type_bigint() }}) as mqls,
        cast(coalesce(mql_cohorts.sqls, 0) as {{ dbt.type_bigint() }}) as sqls,
        cast(coalesce(mql_cohorts.opportunities, 0) as {{ dbt.type_bigint() }}) as opportunities,
        cast(coalesce(mql_cohorts.customers, 0) as {{ dbt.type_bigint() }}) as customers,
        cast(coalesce(mql_cohorts.revenue, 0) as {{ type_money() }}) as revenue,
        cast(coalesce(spend_months.spend, 0) as {{ type_money() }}) as spend
    from months
    cross join channels
    left join visitor_months
        on
            months.month = visitor_months.month
            and channels.channel = visitor_months.channel
    left join attendee_months
        on
            months.month = attendee_months.month
            and channels.channel = attendee_months.channel
    left join lead_months
        on
            months.month = lead_months.month
            and channels.channel = lead_months.channel
    left join mql_cohorts
        on
            months.month = mql_cohorts.month
            and channels.channel = mql_cohorts.channel
    left join spend_months
        on
            months.month = spend_months.month
            and channels.channel = spend_months.channel

),

final as (

    select
        month,
        channel,
        {%- for measure in funnel_measures() %}
            {{ measure }},
        {%- endfor %}
        {{- funnel_rates() }}
    from channel_months

)

select * from final
