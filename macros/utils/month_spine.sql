{#- One row per month (column `month`, a DATE) from start_month to end_month
    inclusive; both are SQL expressions yielding first-of-month dates. No
    cap: each warehouse's own series function makes as many months as the
    bounds span (the funnel marts cover every month the data holds). -#}
{% macro month_spine(start_month, end_month) -%}
    {{ return(adapter.dispatch('month_spine', 'mql_funnel')(start_month, end_month)) }}
{%- endmacro %}

{% macro duckdb__month_spine(start_month, end_month) -%}
    select cast(month_start as date) as month
    from generate_series(
        cast({{ start_month }} as timestamp),
        cast({{ end_month }} as timestamp),
        interval 1 month
    ) as months (month_start)
{%- endmacro %}

{% macro postgres__month_spine(start_month, end_month) -%}
    select cast(month_start as date) as month
    from generate_series(
        cast({{ start_month }} as timestamp),
        cast({{ end_month }} as timestamp),
        interval '1 month'
    ) as months (month_start)
{%- endmacro %}

{% macro spark__month_spine(start_month, end_month) -%}
    select explode(sequence(
        cast({{ start_month }} as date),
        cast({{ end_month }} as date),
        interval 1 month
    )) as month
{%- endmacro %}

{#- Any other warehouse: month offsets from six digits (a million months,
    more than years 1 to 9999 hold), without a series function. -#}
{% macro default__month_spine(start_month, end_month) -%}
    with digits as (
        select 0 as digit
        {%- for digit in range(1, 10) %}
        union all select {{ digit }}
        {%- endfor %}
    ),

    month_offsets as (
        select
            {%- for place in range(6) %}
            {{ 10 ** place }} * place_{{ place }}.digit{{ " +" if not loop.last }}
            {%- endfor %} as month_offset
        from digits as place_0
        {%- for place in range(1, 6) %}
        cross join digits as place_{{ place }}
        {%- endfor %}
    ),

    months as (
        select cast({{ dbt.dateadd('month', 'month_offset', start_month) }} as date) as month
        from month_offsets
        where month_offset <= {{ dbt.datediff(start_month, end_month, 'month') }}
    )

    select month
    from months
{%- endmacro %}
