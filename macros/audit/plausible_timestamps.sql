{#- Contract sections 1 and 5: a timestamp the marts need is implausible
    before var min_valid_timestamp or later than the build's start plus var
    max_future_days days (sentinels such as 1900-01-01 or 9999-12-31, a
    client clock in the wrong century); the row is quarantined as
    implausible_timestamp. -#}
{% macro min_valid_timestamp() -%}
    cast('{{ var("min_valid_timestamp") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- The build's start (UTC, to the second): the one "now" of a build. -#}
{% macro build_started_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro max_valid_timestamp() -%}
    {{ dbt.dateadd('day', number_var('max_future_days'), build_started_at()) }}
{%- endmacro %}

{% macro is_implausible_timestamp(column) -%}
    ({{ column }} < {{ min_valid_timestamp() }} or {{ column }} > {{ max_valid_timestamp() }})
{%- endmacro %}
