{#- MetricFlow's time spine: one row per day over a fixed, generous range
    (vars time_spine_start / time_spine_end, end exclusive) built with the
    cross-database dbt.date_spine. In schema `semantic`, beside the marts,
    since it is no mart for BI readers. -#}
{{ config(materialized='table', schema='semantic') }}

with days as (

    {{ dbt.date_spine(
        'day',
        dbt.cast(dbt.string_literal(var('time_spine_start', '2015-01-01')), api.Column.translate_type('date')),
        dbt.cast(dbt.string_literal(var('time_spine_end', '2041-01-01')), api.Column.translate_type('date')),
    ) | indent(4) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
