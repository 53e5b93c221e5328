{#- Where an incremental run starts re-reading its source: var
    incremental_lookback_days before the newest plausible `timestamp_column`
    stored in {{ this }} (a row dated in the future never moves the window:
    it is quarantined, and the window stays where the real rows are); the
    dawn of time on a full refresh or while nothing is stored. Compared with
    a plain `>=` (no OR), the warehouse skips older rows instead of reading
    every row. -#}
{% macro lookback_start(timestamp_column) -%}
    {%- set dawn_of_time = "cast('0001-01-01' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- if is_incremental() -%}
        {%- set newest_plausible = 'max(case when ' ~ timestamp_column ~ ' <= ' ~ max_valid_timestamp() ~ ' then ' ~ timestamp_column ~ ' end)' -%}
        coalesce(
            (select {{ dbt.dateadd('day', -1 * number_var('incremental_lookback_days'), newest_plausible) }} from {{ this }}),
            {{ dawn_of_time }}
        )
    {%- else -%}
        {{ dawn_of_time }}
    {%- endif -%}
{%- endmacro %}
