{#- Where an incremental run starts re-reading its source: var
    incremental_lookback_days before the newest `timestamp_column` stored in
    {{ this }}; the dawn of time on a full refresh or while nothing is stored.
    Compared with a plain `>=` (no OR), the warehouse skips older rows
    instead of reading every row. -#}
{% macro lookback_start(timestamp_column) -%}
    {%- set dawn_of_time = "cast('0001-01-01' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- if is_incremental() -%}
        coalesce(
            (select {{ dbt.dateadd('day', -1 * var('incremental_lookback_days'), 'max(' ~ timestamp_column ~ ')') }} from {{ this }}),
            {{ dawn_of_time }}
        )
    {%- else -%}
        {{ dawn_of_time }}
    {%- endif -%}
{%- endmacro %}
