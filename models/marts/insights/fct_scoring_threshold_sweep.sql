{#- Scoring calibration: the MQLs the current rules would have produced at
    every threshold from calibration_threshold_min to
    calibration_threshold_max by calibration_threshold_step (a lead crosses
    at threshold t when its running score reaches t with at least
    min_engagement_points of engagement; disqualified leads never do), and
    how many of them actually became SQLs and customers. Leads that cross
    only below mql_threshold were never routed to sales, so rates at lower
    thresholds are lower bounds. -#}
{%- set sweep_thresholds = range(
    number_var('calibration_threshold_min') | int,
    (number_var('calibration_threshold_max') | int) + 1,
    [number_var('calibration_threshold_step') | int, 1] | max,
) %}
with leads as (

    select * from {{ ref('dim_leads') }}

),

score_timeline as (

    select
        lead_id,
        effective_at,
        running_score,
        running_engagement_score
    from {{ ref('int_leads__running_scores') }}

),

monthly as (

    select month from {{ ref('fct_funnel_monthly') }}

),

thresholds as (

    {%- for threshold in sweep_thresholds %}
        select {{ threshold }} as mql_threshold{% if not loop.last %}
            union all{% endif %}
    {%- endfor %}

),

crossings as (

    select
        thresholds.mql_threshold,
        score_timeline.lead_id,
        min(score_timeline.effective_at) as mql_at
    from score_timeline
    inner join thresholds
        on score_timeline.running_score >= thresholds.mql_threshold
    where score_timeline.running_engagement_score >= {{ var('min_engagement_points') }}
    group by thresholds.mql_threshold, score_timeline.lead_id

),

threshold_mqls as (

    select
        crossings.mql_threshold,
        crossings.lead_id,
        leads.sql_at,
        leads.closed_won_at
    from crossings
    inner join leads
        on crossings.lead_id = leads.lead_id
    where leads.disqualification_reason is null

),

month_count as (

    select count(*) as months from monthly

),

threshold_counts as (

    select
        thresholds.mql_threshold,
        count(threshold_mqls.lead_id) as mqls,
        count(threshold_mqls.sql_at) as sqls,
        count(threshold_mqls.closed_won_at) as customers
    from thresholds
    left join threshold_mqls
        on thresholds.mql_threshold = threshold_mqls.mql_threshold
    group by thresholds.mql_threshold

),

final as (

    select
        threshold_counts.mql_threshold,
        threshold_counts.mql_threshold = {{ var('mql_threshold') }} as is_current_threshold,
        threshold_counts.mqls,
        {{ safe_divide('threshold_counts.mqls', 'month_count.months') }} as avg_monthly_mqls,
        threshold_counts.sqls,
        threshold_counts.customers,
        {{ safe_divide('threshold_counts.sqls', 'threshold_counts.mqls') }} as mql_to_sql_rate,
        {{ safe_divide('threshold_counts.customers', 'threshold_counts.mqls') }} as mql_to_customer_rate
    from threshold_counts
    cross join month_count

)

select * from final
