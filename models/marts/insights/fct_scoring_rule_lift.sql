{#- Scoring calibration, one row per rule of seed scoring_rules: among MQLs
    (the leads sales saw), the SQL and closed-won rates of those with the
    signal versus those without, their ratio (lift), and suggested points:
    the current points scaled by the SQL-rate lift, clamped to
    calibration_lift_floor..calibration_lift_cap (negative rules scale by the
    inverse, so a signal that lowers conversion more costs more). Rules with
    fewer than calibration_min_mqls MQLs on either side keep their points. -#}
{#- The two sides of a rule's signal (columns <measure>_<side>_signal), each
    with the condition on has_signal that puts an MQL on it. -#}
{%- set signal_sides = {'with': 'has_signal', 'without': 'not has_signal'} -%}
{#- The columns each step after rule_counts carries over unchanged. -#}
{%- set rule_columns = ['rule_id', 'category', 'points'] -%}
{%- set count_columns = [
    'mqls_with_signal', 'sqls_with_signal', 'customers_with_signal',
    'mqls_without_signal', 'sqls_without_signal', 'customers_without_signal',
] -%}
{%- set rate_columns = [
    'sql_rate_with_signal', 'sql_rate_without_signal', 'won_rate_with_signal', 'won_rate_without_signal',
] -%}
{%- set lift_columns = ['sql_rate_lift', 'won_rate_lift'] -%}
with scoring_rules as (

    select
        rule_id,
        category,
        points
    from {{ ref('stg_seeds__scoring_rules') }}

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
        {%- for side, on_side in signal_sides.items() %}
            sum(case when {{ on_side }} then 1 else 0 end) as mqls_{{ side }}_signal,
            sum(case when {{ on_side }} and is_sql then 1 else 0 end) as sqls_{{ side }}_signal,
            sum(case when {{ on_side }} and is_won then 1 else 0 end) as customers_{{ side }}_signal
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from mql_signals
    group by rule_id

),

rule_counts as (

    select
        scoring_rules.rule_id,
        scoring_rules.category,
        scoring_rules.points,
        {%- for column in count_columns %}
            coalesce(signal_counts.{{ column }}, 0) as {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from scoring_rules
    left join signal_counts
        on scoring_rules.rule_id = signal_counts.rule_id

),

rates as (

    select
        {%- for column in rule_columns + count_columns %}
            {{ column }},
        {%- endfor %}
        {{ safe_divide('sqls_with_signal', 'mqls_with_signal') }} as sql_rate_with_signal,
        {{ safe_divide('sqls_without_signal', 'mqls_without_signal') }} as sql_rate_without_signal,
        {{ safe_divide('customers_with_signal', 'mqls_with_signal') }} as won_rate_with_signal,
        {{ safe_divide('customers_without_signal', 'mqls_without_signal') }} as won_rate_without_signal
    from rule_counts

),

lifts as (

    select
        {%- for column in rule_columns + count_columns + rate_columns %}
            {{ column }},
        {%- endfor %}
        {{ safe_divide('sql_rate_with_signal', 'sql_rate_without_signal') }} as sql_rate_lift,
        {{ safe_divide('won_rate_with_signal', 'won_rate_without_signal') }} as won_rate_lift
    from rates

),

applied_lifts as (

    {#- The SQL-rate lift clamped to floor..cap, only with enough MQLs on both
        sides. least and greatest skip NULLs: keep a missing lift missing. #}
    select
        {%- for column in rule_columns + count_columns + rate_columns + lift_columns %}
            {{ column }},
        {%- endfor %}
        case
            when
                mqls_with_signal >= {{ var('calibration_min_mqls') }}
                and mqls_without_signal >= {{ var('calibration_min_mqls') }}
                and sql_rate_lift is not null
                then
                    least(
                        greatest(sql_rate_lift, {{ var('calibration_lift_floor') }}),
                        {{ var('calibration_lift_cap') }}
                    )
        end as applied_lift
    from lifts

),

final as (

    select
        rule_id,
        category,
        points,
        cast(mqls_with_signal as {{ dbt.type_bigint() }}) as mqls_with_signal,
        cast(sqls_with_signal as {{ dbt.type_bigint() }}) as sqls_with_signal,
        cast(customers_with_signal as {{ dbt.type_bigint() }}) as customers_with_signal,
        cast(mqls_without_signal as {{ dbt.type_bigint() }}) as mqls_without_signal,
        cast(sqls_without_signal as {{ dbt.type_bigint() }}) as sqls_without_signal,
        cast(customers_without_signal as {{ dbt.type_bigint() }}) as customers_without_signal,
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
    from applied_lifts

)

select * from final
