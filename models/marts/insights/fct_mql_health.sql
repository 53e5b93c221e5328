{#- MQL-definition health, one row per month and check of seed
    mql_health_checks: the month's metric against the check's threshold, how
    many months in a row it has been breached, and an alert once that streak
    reaches the check's consecutive_months. Metrics: the blended
    visitor_to_mql_rate and mql_to_sql_rate of fct_funnel_monthly, and
    fit_share_of_max_score, the share of the maximum score (sum of the
    positive points of seed scoring_rules) that fit rules can award. A month
    whose metric is NULL breaches nothing and ends a streak. -#}
{#- The columns the streak steps carry over unchanged. -#}
{%- set check_month_columns = [
    'month', 'check_id', 'metric', 'metric_value', 'direction', 'threshold', 'consecutive_months', 'finding',
    'is_breached',
] -%}
with monthly as (

    select * from {{ ref('fct_funnel_monthly') }}

),

health_checks as (

    select
        check_id,
        metric,
        direction,
        threshold,
        consecutive_months,
        finding
    from {{ ref('stg_seeds__mql_health_checks') }}

),

max_scores as (

    select
        {{ max_rule_points('fit') | indent(8) }} as max_fit_score,
        {{ max_rule_points() | indent(8) }} as max_lead_score
    from {{ ref('stg_seeds__scoring_rules') }}

),

monthly_metrics as (

    select
        month,
        'visitor_to_mql_rate' as metric,
        visitor_to_mql_rate as metric_value
    from monthly
    union all
    select
        month,
        'mql_to_sql_rate' as metric,
        mql_to_sql_rate as metric_value
    from monthly
    union all
    select
        monthly.month,
        'fit_share_of_max_score' as metric,
        {{ safe_divide('max_scores.max_fit_score', 'max_scores.max_lead_score') }} as metric_value
    from monthly
    cross join max_scores

),

check_months as (

    select
        monthly_metrics.month,
        health_checks.check_id,
        health_checks.metric,
        monthly_metrics.metric_value,
        health_checks.direction,
        health_checks.threshold,
        health_checks.consecutive_months,
        health_checks.finding,
        coalesce(
            case
                when health_checks.direction = 'above' then monthly_metrics.metric_value > health_checks.threshold
                when health_checks.direction = 'below' then monthly_metrics.metric_value < health_checks.threshold
            end,
            false
        ) as is_breached
    from health_checks
    inner join monthly_metrics
        on health_checks.metric = monthly_metrics.metric

),

streak_groups as (

    {#- A new group starts at every month that is not breached. -#}
    select
        {%- for column in check_month_columns %}
            {{ column }},
        {%- endfor %}
        sum(case when is_breached then 0 else 1 end) over (
            partition by check_id
            order by month
            rows between unbounded preceding and current row
        ) as streak_group
    from check_months

),

streaks as (

    select
        {%- for column in check_month_columns %}
            {{ column }},
        {%- endfor %}
        sum(case when is_breached then 1 else 0 end) over (
            partition by check_id, streak_group
            order by month
            rows between unbounded preceding and current row
        ) as breached_months_running
    from streak_groups

),

final as (

    select
        month,
        check_id,
        metric,
        metric_value,
        direction,
        threshold,
        consecutive_months,
        is_breached,
        cast(breached_months_running as {{ dbt.type_bigint() }}) as breached_months_running,
        breached_months_running >= consecutive_months as is_alert,
        case when breached_months_running >= consecutive_months then finding end as alert
    from streaks

)

select * from final
