{#- One row per month (column `month`, a DATE) from start_month to end_month
    inclusive; both are SQL expressions yielding first-of-month dates. Covers
    up to 1,000 months without any warehouse-specific series function. -#}
{% macro month_spine(start_month, end_month) -%}
    with digits as (
        select 0 as digit
        {%- for digit in range(1, 10) %}
        union all select {{ digit }}
        {%- endfor %}
    ),

    month_offsets as (
        select ones.digit + 10 * tens.digit + 100 * hundreds.digit as month_offset
        from digits as ones
        cross join digits as tens
        cross join digits as hundreds
    ),

    months as (
        select cast({{ dbt.dateadd('month', 'month_offset', start_month) }} as date) as month
        from month_offsets
    )

    select month
    from months
    where month <= {{ end_month }}
{%- endmacro %}
