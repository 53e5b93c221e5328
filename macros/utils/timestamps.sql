{#- Contract, top: every timestamp is a UTC TIMESTAMP. A landing column of
    type TIMESTAMPTZ, or text carrying an offset ('...+02:00', '...Z'), is
    converted by its own offset, never by the session's time zone; a plain
    TIMESTAMP (or DATE, or text without offset) is taken as UTC already.
    landed_types: the source's relation_column_types, read once per staging
    model when it runs (empty while dbt parses: a plain cast). -#}
{% macro utc_timestamp(landed_types, column) -%}
    {%- set data_type = landed_types.get(column | lower, '') -%}
    {{ return(adapter.dispatch('utc_timestamp_of_type', 'mql_funnel')(column, data_type)) }}
{%- endmacro %}

{% macro default__utc_timestamp_of_type(column, data_type) -%}
    {%- if 'with time zone' in data_type or data_type == 'timestamptz' -%}
        ({{ column }} at time zone 'UTC')
    {%- elif data_type in ('varchar', 'text', 'string') or 'char' in data_type -%}
        case
            when {{ has_utc_offset(column) }}
                then (cast({{ column }} as timestamp with time zone) at time zone 'UTC')
            else cast({{ column }} as {{ dbt.type_timestamp() }})
        end
    {%- else -%}
        cast({{ column }} as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{#- Text that ends in a time of day followed by Z or a +hh[:mm] offset. -#}
{% macro has_utc_offset(column) -%}
    {{ return(adapter.dispatch('has_utc_offset', 'mql_funnel')(column)) }}
{%- endmacro %}

{% macro utc_offset_pattern() -%}
    [0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? *(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$
{%- endmacro %}

{% macro default__has_utc_offset(column) -%}
    regexp_matches(trim({{ column }}), '{{ utc_offset_pattern() }}')
{%- endmacro %}

{% macro postgres__has_utc_offset(column) -%}
    trim({{ column }}) ~ '{{ utc_offset_pattern() }}'
{%- endmacro %}

{#- Spark: text with an offset is parsed by that offset, and the session
    time zone is UTC (profiles.yml): the plain cast is already right. -#}
{% macro spark__utc_timestamp_of_type(column, data_type) -%}
    cast({{ column }} as timestamp)
{%- endmacro %}
