{#- Speed to lead per MQL month and channel (every channel-month of
    fct_funnel_channel_monthly): the share of the month's MQLs first contacted
    within sla_minutes of mql_at (inclusive; MQLs never contacted count as
    missed), the median minutes to first contact of the contacted ones, and
    the SQL rate of MQLs contacted within the SLA versus later. MQLs never
    contacted are a third group. -#}
with channel_months as (

    select
        month,
        channel
    from {{ ref('fct_funnel_channel_monthly') }}

),

leads as (

    select * from {{ ref('dim_leads') }}

),

mqls as (

    select
        {{ month_of('mql_at') }} as month,
        channel,
        minutes_to_first_contact,
        sql_at is not null as is_sql,
        case
            when minutes_to_first_contact is null then 'not_contacted'
            when {{ is_within_sla('minutes_to_first_contact') }} then 'within_sla'
            else 'after_sla'
        end as contact_timing
    from leads
    where is_mql

),

mql_stats as (

    select
        month,
        channel,
        count(*) as mqls,
        sum(case when contact_timing = 'within_sla' then 1 else 0 end) as mqls_within_sla,
        sum(case when contact_timing = 'after_sla' then 1 else 0 end) as mqls_after_sla,
        sum(case when contact_timing = 'not_contacted' then 1 else 0 end) as mqls_not_contacted,
        sum(case when contact_timing = 'within_sla' and is_sql then 1 else 0 end) as sqls_within_sla,
        sum(case when contact_timing = 'after_sla' and is_sql then 1 else 0 end) as sqls_after_sla,
        sum(case when contact_timing = 'not_contacted' and is_sql then 1 else 0 end) as sqls_not_contacted,
        {{ median_of('minutes_to_first_contact') }} as median_minutes_to_first_contact
    from mqls
    group by month, channel

),

filled as (

    {#- Every channel-month, zero counts where it had no MQLs. The rates
        divide mql_stats' own counts, so they are NULL there, as the zero
        denominators would give. -#}
    select
        channel_months.month,
        channel_months.channel,
        mql_stats.median_minutes_to_first_contact,
        coalesce(mql_stats.mqls, 0) as mqls,
        coalesce(mql_stats.mqls_within_sla, 0) as mqls_within_sla,
        coalesce(mql_stats.mqls_after_sla, 0) as mqls_after_sla,
        coalesce(mql_stats.mqls_not_contacted, 0) as mqls_not_contacted,
        coalesce(mql_stats.sqls_within_sla, 0) as sqls_within_sla,
        coalesce(mql_stats.sqls_after_sla, 0) as sqls_after_sla,
        coalesce(mql_stats.sqls_not_contacted, 0) as sqls_not_contacted,
        {{ safe_divide('mql_stats.mqls_within_sla', 'mql_stats.mqls') }} as within_sla_share,
        {{ safe_divide('mql_stats.sqls_within_sla', 'mql_stats.mqls_within_sla') }} as within_sla_sql_rate,
        {{ safe_divide('mql_stats.sqls_after_sla', 'mql_stats.mqls_after_sla') }} as after_sla_sql_rate,
        {{ safe_divide('mql_stats.sqls_not_contacted', 'mql_stats.mqls_not_contacted') }} as not_contacted_sql_rate
    from channel_months
    left join mql_stats
        on
            channel_months.month = mql_stats.month
            and channel_months.channel = mql_stats.channel

),

final as (

    select
        month,
        channel,
        mqls,
        cast(mqls_within_sla as {{ dbt.type_bigint() }}) as mqls_within_sla,
        cast(mqls_after_sla as {{ dbt.type_bigint() }}) as mqls_after_sla,
        cast(mqls_not_contacted as {{ dbt.type_bigint() }}) as mqls_not_contacted,
        within_sla_share,
        median_minutes_to_first_contact,
        cast(sqls_within_sla as {{ dbt.type_bigint() }}) as sqls_within_sla,
        cast(sqls_after_sla as {{ dbt.type_bigint() }}) as sqls_after_sla,
        cast(sqls_not_contacted as {{ dbt.type_bigint() }}) as sqls_not_contacted,
        within_sla_sql_rate,
        after_sla_sql_rate,
        not_contacted_sql_rate,
        {{ safe_divide('within_sla_sql_rate', 'after_sla_sql_rate') }} as within_sla_sql_rate_lift
    from filled

)

select * from final
