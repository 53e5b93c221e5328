{#- Scoring calibration, one row per rule of seed scoring_rules: among MQLs
    (the leads sales saw), the SQL and closed-won rates of those with the
    signal versus those without, their ratio (lift), and suggested points:
    the current points scaled by the SQL-rate lift, clamped to
    calibration_lift_floor..calibration_lift_cap (negative rules scale by the
    inverse, so a signal that lowers conversion more costs more). Rules with
    fewer than calibration_min_mqls MQLs on either side keep their points. -#}
with scoring_rules as (

    select
        rule_id,
        {{ normalize_text('category') }} as category,
        cast(points as integer) as points
    from {{ ref('scoring_rules') }}

),

leads as (

    select * from {{ ref('dim_leads') }}

),

score_events as (

    select * from {{ ref('fct_lead_score_events') }}

),

mqls as (

    select
        lead_id,
        sql_at is not null as is_sql,
        closed_won_at is not null as is_won
    from leads
    where is_mql

),

rule_firings as (

    select distinct
        lead_id,
        rule_id
    from score_events

),

mql_signals as (

    select
        scoring_rules.rule_id,
        mqls.is_sql,
        mqls.is_won,
        rule_firings.lead_id is not null as has_signal
    from mqls
    cross join scoring_rules
    left join rule_firings
        on
            mqls.lead_id = rule_firings.lead_id
            and scoring_rules.rule_id = rule_firings.rule_id

),

signal_counts as (

    select
        rule_id,
        sum(case when has_signal then 1 else 0 end) as mqls_with_signal,
        sum(case when has_signal and is_sql then 1 else 0 end) as sqls_with_signal,
        sum(case when has_signal and is_won then 1 else 0 end) as customers_with_signal,
        sum(case when not has_signal then 1 else 0 end) as mqls_without_signal,
        sum(case when not has_signal and is_sql then 1 else 0 end) as sqls_without_signal,
        sum(case when not has_signal and is_won then 1 else 0 end) as customers_without_signal
    from mql_signals
    group by rule_id

),

rule_counts as (

    select
        scoring_rules.rule_id,
        scoring_rules.category,
        scoring_rules.points,
        coalesce(signal_counts.mqls_with_signal, 0) as mqls_with_signal,
        coalesce(signal_counts.sqls_with_signal, 0) as sqls_with_signal,
        coalesce(signal_counts.customers_with_signal, 0) as customers_with_signal,
        coalesce(signal_counts.mqls_without_signal, 0) as mqls_without_signal,
        coalesce(signal_counts.sqls_without_signal, 0) as sqls_without_signal,
        coalesce(signal_counts.customers_without_signal, 0) as customers_without_signal
    from scoring_rules
    left join signal_counts
        on scoring_rules.rule_id = signal_counts.rule_id

),

rates as (

    select
        rule_id,
        category,
        points,
        mqls_with_signal,
        sqls_with_signal,
        customers_with_signal,
        mqls_without_signal,
        sqls_without_signal,
        customers_without_signal,
        {{ safe_divide('sqls_with_signal', 'mqls_with_signal') }} as sql_rate_with_signal,
        {{ safe_divide('sqls_without_signal', 'mqls_without_signal') }} as sql_rate_without_signal,
        {{ safe_divide('customers_with_signal', 'mqls_with_signal') }} as won_rate_with_signal,
        {{ safe_divide('customers_without_signal', 'mqls_without_signal') }} as won_rate_without_signal
    from rule_counts

),

lifts as (

    select
        rule_id,
        category,
        points,
        mqls_with_signal,
        sqls_with_signal,
        customers_with_signal,
        mqls_without_signal,
        sqls_without_signal,
        customers_without_signal,
        sql_rate_with_signal,
        sql_rate_without_signal,
        won_rate_with_signal,
        won_rate_without_signal,
        {{ safe_divide('sql_rate_with_signal', 'sql_rate_without_signal') }} as sql_rate_lift,
        {{ safe_divide('won_rate_with_signal', 'won_rate_without_signal') }} as won_rate_lift,
        mqls_with_signal >= {{ var('calibration_min_mqls') }}
        and mqls_without_signal >= {{ var('calibration_min_mqls') }} as has_enough_mqls
    from rates

),

floored_lifts as (

    select
        rule_id,
        category,
        points,
        mqls_with_signal,
        sqls_with_signal,
        customers_with_signal,
        mqls_without_signal,
        sqls_without_signal,
        customers_without_signal,
        sql_rate_with_signal,
        sql_rate_without_signal,
        won_rate_with_signal,
        won_rate_without_signal,
        sql_rate_lift,
        won_rate_lift,
        case
            when has_enough_mqls and sql_rate_lift is not null
                then greatest(sql_rate_lift, {{ var('calibration_lift_floor') }})
        end as floored_lift
    from lifts

),

clamped_lifts as (

    select
        rule_id,
        category,
        points,
        mqls_with_signal,
        sqls_with_signal,
        customers_with_signal,
        mqls_without_signal,
        sqls_without_signal,
        customers_without_signal,
        sql_rate_with_signal,
        sql_rate_without_signal,
        won_rate_with_signal,
        won_rate_without_signal,
        sql_rate_lift,
        won_rate_lift,
        {#- least and greatest skip NULLs: keep a missing lift missing. -#}
        case
            when floored_lift is not null then least(floored_lift, {{ var('calibration_lift_cap') }})
        end as applied_lift
    from floored_lifts

),

final as (

    select
        rule_id,
        category,
        points,
        mqls_with_signal,
        sqls_with_signal,
        customers_with_signal,
        mqls_without_signal,
        sqls_without_signal,
        customers_without_signal,
        sql_rate_with_signal,
        sql_rate_without_signal,
        sql_rate_lift,
        won_rate_with_signal,
        won_rate_without_signal,
        won_rate_lift,
        applied_lift,
        cast(
            case
                when applied_lift is null then points
                when points >= 0 then round(points * applied_lift)
                else round(points / applied_lift)
            end as integer
        ) as suggested_points
    from clamped_lifts

)

select * from final
