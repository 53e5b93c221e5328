-- Scoring calibration: the changes the evidence suggests, one row each.
--   rule_points    a rule whose suggested points (fct_scoring_rule_lift)
--                  differ from its current points, largest change first
--   mql_threshold  the lowest threshold of fct_scoring_threshold_sweep whose
--                  MQL-to-SQL rate reaches the review line of seed
--                  mql_health_checks, when that is not the current one
-- evidence_rate / baseline_rate: the SQL rate of MQLs with / without the
-- signal (rule_points), or the MQL-to-SQL rate at the suggested / current
-- threshold (mql_threshold); rate_lift is their ratio.
-- Compile with `dbt compile --select scoring_calibration` and run
-- the SQL in target/compiled/.
with rule_lift as (

    select * from {{ ref('fct_scoring_rule_lift') }}

),

threshold_sweep as (

    select * from {{ ref('fct_scoring_threshold_sweep') }}

),

health_checks as (

    select * from {{ ref('stg_seeds__mql_health_checks') }}

),

review_line as (

    select threshold as target_mql_to_sql_rate
    from health_checks
    where check_id = 'mql_to_sql_below_review_line'

),

point_changes as (

    select
        'rule_points' as recommendation,
        rule_id as subject,
        cast(points as {{ type_double() }}) as current_value,
        cast(suggested_points as {{ type_double() }}) as suggested_value,
        sql_rate_with_signal as evidence_rate,
        sql_rate_without_signal as baseline_rate,
        sql_rate_lift as rate_lift,
        mqls_with_signal + mqls_without_signal as mqls
    from rule_lift
    where suggested_points <> points

),

qualifying_thresholds as (

    select min(threshold_sweep.mql_threshold) as suggested_threshold
    from threshold_sweep
    cross join review_line
    where threshold_sweep.mql_to_sql_rate >= review_line.target_mql_to_sql_rate

),

threshold_change as (

    select
        'mql_threshold' as recommendation,
        'mql_threshold' as subject,
        cast({{ var('mql_threshold') }} as {{ type_double() }}) as current_value,
        cast(qualifying_thresholds.suggested_threshold as {{ type_double() }}) as suggested_value,
        suggested_sweep.mql_to_sql_rate as evidence_rate,
        current_sweep.mql_to_sql_rate as baseline_rate,
        {{ safe_divide('suggested_sweep.mql_to_sql_rate', 'current_sweep.mql_to_sql_rate') }} as rate_lift,
        suggested_sweep.mqls
    from qualifying_thresholds
    inner join threshold_sweep as suggested_sweep
        on qualifying_thresholds.suggested_threshold = suggested_sweep.mql_threshold
    left join threshold_sweep as current_sweep
        on current_sweep.is_current_threshold
    where qualifying_thresholds.suggested_threshold <> {{ var('mql_threshold') }}

),

changes as (

    select * from point_changes
    union all
    select * from threshold_change

),

recommendations as (

    select
        *,
        suggested_value - current_value as change
    from changes

),

final as (

    select
        recommendation,
        subject,
        current_value,
        suggested_value,
        change,
        evidence_rate,
        baseline_rate,
        rate_lift,
        mqls
    from recommendations

)

select * from final
order by recommendation desc, abs(change) desc, subject
