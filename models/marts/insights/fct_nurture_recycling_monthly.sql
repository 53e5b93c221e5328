{#- Recycled MQLs (in nurture at least recycled_min_nurture_days before
    crossing) versus first-pass MQLs, per MQL month of fct_funnel_monthly:
    counts, SQL rates and the ratio of the recycled SQL rate to the
    first-pass one. -#}
with monthly as (

    select
        month,
        mqls
    from {{ ref('fct_funnel_monthly') }}

),

nurture_paths as (

    select * from {{ ref('fct_mql_nurture_paths') }}

),

path_counts as (

    select
        mql_month as month,
        sum(case when not is_recycled then 1 else 0 end) as first_pass_mqls,
        sum(case when not is_recycled and is_sql then 1 else 0 end) as first_pass_sqls,
        sum(case when is_recycled then 1 else 0 end) as recycled_mqls,
        sum(case when is_recycled and is_sql then 1 else 0 end) as recycled_sqls
    from nurture_paths
    group by mql_month

),

filled as (

    select
        monthly.month,
        monthly.mqls,
        coalesce(path_counts.first_pass_mqls, 0) as first_pass_mqls,
        coalesce(path_counts.first_pass_sqls, 0) as first_pass_sqls,
        coalesce(path_counts.recycled_mqls, 0) as recycled_mqls,
        coalesce(path_counts.recycled_sqls, 0) as recycled_sqls
    from monthly
    left join path_counts
        on monthly.month = path_counts.month

),

rates as (

    select
        month,
        mqls,
        first_pass_mqls,
        first_pass_sqls,
        recycled_mqls,
        recycled_sqls,
        {{ safe_divide('first_pass_sqls', 'first_pass_mqls') }} as first_pass_sql_rate,
        {{ safe_divide('recycled_sqls', 'recycled_mqls') }} as recycled_sql_rate
    from filled

),

final as (

    select
        month,
        mqls,
        cast(first_pass_mqls as {{ dbt.type_bigint() }}) as first_pass_mqls,
        cast(first_pass_sqls as {{ dbt.type_bigint() }}) as first_pass_sqls,
        first_pass_sql_rate,
        cast(recycled_mqls as {{ dbt.type_bigint() }}) as recycled_mqls,
        cast(recycled_sqls as {{ dbt.type_bigint() }}) as recycled_sqls,
        recycled_sql_rate,
        {{ safe_divide('recycled_sql_rate', 'first_pass_sql_rate') }} as recycled_to_first_pass_sql_rate_ratio
    from rates

)

select * from final
