{#- A 64-bit float on every adapter (dbt.type_float() is 32-bit on DuckDB). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'mql_funnel')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{#- Money: amounts and their sums. -#}
{% macro type_money() -%}
    decimal(18, 2)
{%- endmacro %}

{% macro month_of(timestamp_column) -%}
    cast({{ dbt.date_trunc('month', timestamp_column) }} as date)
{%- endmacro %}

{#- numerator / denominator as a fraction, NULL when the denominator is 0. -#}
{% macro safe_divide(numerator, denominator) -%}
    case
        when {{ denominator }} = 0 then null
        else cast({{ numerator }} as {{ type_double() }}) / {{ denominator }}
    end
{%- endmacro %}

{#- Seconds from start_at to end_at, with fractions. -#}
{% macro seconds_between(start_at, end_at) -%}
    {{ return(adapter.dispatch('seconds_between', 'mql_funnel')(start_at, end_at)) }}
{%- endmacro %}

{% macro default__seconds_between(start_at, end_at) -%}
    cast(extract(epoch from ({{ end_at }} - {{ start_at }})) as {{ type_double() }})
{%- endmacro %}

{% macro duckdb__seconds_between(start_at, end_at) -%}
    (epoch_us({{ end_at }}) - epoch_us({{ start_at }})) / 1000000.0
{%- endmacro %}

{% macro spark__seconds_between(start_at, end_at) -%}
    cast(unix_micros({{ end_at }}) - unix_micros({{ start_at }}) as {{ type_double() }}) / 1000000
{%- endmacro %}

{#- True when a number is NaN or +-Infinity (a floating-point landing column
    can hold them; DECIMAL cannot), false otherwise and for NULL. -#}
{% macro is_non_finite(column) -%}
    coalesce(cast({{ column }} as {{ type_double() }}) in (
        cast('NaN' as {{ type_double() }}),
        cast('Infinity' as {{ type_double() }}),
        cast('-Infinity' as {{ type_double() }})
    ), false)
{%- endmacro %}

{#- The number cast to `data_type`, NULL where it is NaN or +-Infinity. -#}
{% macro finite_or_null(column, data_type) -%}
    case when not {{ is_non_finite(column) }} then cast({{ column }} as {{ data_type }}) end
{%- endmacro %}
