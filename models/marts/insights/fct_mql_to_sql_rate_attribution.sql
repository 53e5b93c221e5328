{#- The month-over-month change of the blended MQL-to-SQL rate, split into
    each channel's contribution. The blended rate is the sum over channels of
    mql_share x mql_to_sql_rate, so a channel contributes
    share_now x rate_now - share_before x rate_before, split symmetrically
    (midpoint weights) into
        rate_effect = (rate_now - rate_before) x (share_before + share_now) / 2
        mix_effect  = (share_now - share_before) x (rate_before + rate_now) / 2
    which sum exactly to it, and the contributions sum exactly to the change.
    A channel without MQLs in one of the two months takes the other month's
    rate there (its whole contribution is mix). One row per canonical channel
    for every month whose month and previous month both have MQLs. -#}
with channel_months as (

    select
        month,
        channel,
        mqls,
        sqls
    from {{ ref('fct_funnel_channel_monthly') }}

),

leads as (

    select * from {{ ref('dim_leads') }}

),

scoring_rules as (

    select
        category,
        points
    from {{ ref('stg_seeds__scoring_rules') }}

),

max_fit as (

    select {{ max_rule_points('fit') }} as max_fit_score
    from scoring_rules

),

month_totals as (

    select
        month,
        sum(mqls) as total_mqls,
        sum(sqls) as total_sqls
    from channel_months
    group by month

),

channel_shares as (

    select
        channel_months.month,
        channel_months.channel,
        channel_months.mqls,
        channel_months.sqls,
        {{ safe_divide('channel_months.mqls', 'month_totals.total_mqls') }} as mql_share,
        {{ safe_divide('channel_months.sqls', 'channel_months.mqls') }} as mql_to_sql_rate,
        {{ safe_divide('month_totals.total_sqls', 'month_totals.total_mqls') }} as blended_mql_to_sql_rate
    from channel_months
    inner join month_totals
        on channel_months.month = month_totals.month

),

mql_fit_scores as (

    select
        {{ month_of('mql_at') }} as month,
        channel,
        avg(cast(fit_score as {{ type_double() }})) as avg_fit_score
    from leads
    where is_mql
    group by {{ month_of('mql_at') }}, channel

),

month_pairs as (

    select
        current_months.month,
        prior_months.month as prior_month,
        current_months.channel,
        prior_months.mqls as prior_mqls,
        prior_months.sqls as prior_sqls,
        prior_months.mql_share as prior_mql_share,
        prior_months.mql_to_sql_rate as prior_mql_to_sql_rate,
        current_months.mqls,
        current_months.sqls,
        current_months.mql_share,
        current_months.mql_to_sql_rate,
        prior_months.blended_mql_to_sql_rate as prior_blended_mql_to_sql_rate,
        current_months.blended_mql_to_sql_rate,
        coalesce(prior_months.mql_to_sql_rate, current_months.mql_to_sql_rate, 0) as rate_before,
        coalesce(current_months.mql_to_sql_rate, prior_months.mql_to_sql_rate, 0) as rate_now
    from channel_shares as current_months
    inner join channel_shares as prior_months
        on
            current_months.channel = prior_months.channel
            and prior_months.month = cast({{ dbt.dateadd('month', -1, 'current_months.month') }} as date)
    where
        current_months.blended_mql_to_sql_rate is not null
        and prior_months.blended_mql_to_sql_rate is not null

),

effects as (

    select
        month,
        prior_month,
        channel,
        prior_mqls,
        prior_sqls,
        prior_mql_share,
        prior_mql_to_sql_rate,
        mqls,
        sqls,
        mql_share,
        mql_to_sql_rate,
        prior_blended_mql_to_sql_rate,
        blended_mql_to_sql_rate,
        (rate_now - rate_before) * (prior_mql_share + mql_share) / 2 as rate_effect,
        (mql_share - prior_mql_share) * (rate_before + rate_now) / 2 as mix_effect
    from month_pairs

),

final as (

    select
        effects.month,
        effects.prior_month,
        effects.channel,
        effects.prior_mqls,
        effects.prior_sqls,
        effects.prior_mql_share,
        effects.prior_mql_to_sql_rate,
        effects.mqls,
        effects.sqls,
        effects.mql_share,
        effects.mql_to_sql_rate,
        effects.prior_blended_mql_to_sql_rate,
        effects.blended_mql_to_sql_rate,
        effects.blended_mql_to_sql_rate - effects.prior_blended_mql_to_sql_rate as blended_rate_change,
        effects.rate_effect,
        effects.mix_effect,
        effects.rate_effect + effects.mix_effect as contribution,
        {{ safe_divide(
            '(effects.rate_effect + effects.mix_effect)',
            '(effects.blended_mql_to_sql_rate - effects.prior_blended_mql_to_sql_rate)',
        ) | indent(8) }} as share_of_change,
        mql_fit_scores.avg_fit_score,
        100 * {{ safe_divide('mql_fit_scores.avg_fit_score', 'max_fit.max_fit_score') }} as avg_fit_score_pct
    from effects
    cross join max_fit
    left join mql_fit_scores
        on
            effects.month = mql_fit_scores.month
            and effects.channel = mql_fit_scores.channel

)

select * from final
