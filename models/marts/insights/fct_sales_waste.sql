{#- Sales time spent reviewing MQLs that never became SQLs, per MQL month
    and channel: (MQLs - SQLs) x minutes_per_lead_review, in hours and in
    full-time reps (hours / rep_hours_per_month). Summed over channels it
    gives the month: 500 MQLs at 22 % MQL-to-SQL and 15 minutes per review
    waste 97.5 hours. -#}
with channel_months as (

    select
        month,
        channel,
        mqls,
        sqls,
        mql_to_sql_rate
    from {{ ref('fct_funnel_channel_monthly') }}

),

waste as (

    select
        month,
        channel,
        mqls,
        sqls,
        mqls - sqls as unconverted_mqls,
        {{ wasted_review_hours('mqls', 'coalesce(mql_to_sql_rate, 0)') }} as wasted_review_hours
    from channel_months

),

final as (

    select
        month,
        channel,
        mqls,
        sqls,
        unconverted_mqls,
        wasted_review_hours,
        wasted_review_hours / {{ var('rep_hours_per_month') }} as wasted_rep_fte
    from waste

)

select * from final
