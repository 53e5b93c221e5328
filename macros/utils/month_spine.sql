{#- One row per month (column `month`, a DATE) from start_month to end_month
    inclusive; both are SQL expressions yielding first-of-month dates. No
    cap: the warehouse's own series function makes as many months as the
    bounds span (the funnel marts cover every month the data holds). -#}
{% macro month_spine(start_month, end_month) -%}
    {{ return(adapter.dispatch('month_spine', 'mql_funnel')(start_month, end_month)) }}
{%- endmacro %}

{#- DuckDB and PostgreSQL: generate_series over timestamps. -#}
{% macro default__month_spine(start_month, end_month) -%}
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
