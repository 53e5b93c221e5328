{#- Reading vendor tables as their EL tool landed them (contract section 7). -#}

{#- The landed name of a vendor column: var vendor_column_names maps
    '<vendor>.<table>.<column>' to the name a user's connector gives it. -#}
{% macro vendor_column_name(table_key, column) -%}
    {{ return(var('vendor_column_names', {}).get(table_key ~ '.' ~ column, column)) }}
{%- endmacro %}

{#- A vendor column cast to `data_type`, or a typed NULL where the table has
    no such column (Fivetran lands only the fields a connector syncs). -#}
{% macro vendor_column(landed, table_key, column, data_type=none) -%}
    {%- set name = vendor_column_name(table_key, column) -%}
    {%- set value = name if (not execute or name | lower in landed) else 'null' -%}
    {%- if data_type is none -%}
        {{ value }}
    {%- else -%}
        cast({{ value }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}

{#- The vendor column a var names (a custom field such as utm_source_c or a
    margin property), cast to `data_type`: NULL when the var is none, and
    NULL with a warning naming the table, column and var when the table has
    no such column. -#}
{% macro vendor_column_of_var(landed, table_key, var_name, data_type) -%}
    {%- set column = var(var_name) -%}
    {%- if column in (none, '', 'none') -%}
        cast(null as {{ data_type }})
    {%- else -%}
        {%- if execute and (vendor_column_name(table_key, column) | lower) not in landed -%}
            {%- do exceptions.warn(table_key ~ ' has no column ' ~ column ~ ' (var ' ~ var_name ~ '): read as NULL') -%}
        {%- endif -%}
        {{ vendor_column(landed, table_key, column, data_type) }}
    {%- endif -%}
{%- endmacro %}

{#- A vendor column as text: ids are compared as text (section 7). -#}
{% macro vendor_text(landed, table_key, column) -%}
    {{ clean_id(vendor_column(landed, table_key, column)) }}
{%- endmacro %}

{#- A vendor timestamp in UTC (macro utc_timestamp), NULL when not landed. -#}
{% macro vendor_timestamp(landed, table_key, column) -%}
    {%- set name = vendor_column_name(table_key, column) -%}
    {%- if not execute or name | lower in landed -%}
        {{ utc_timestamp(landed, name) }}
    {%- else -%}
        cast(null as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{#- The first group of a regular expression, NULL when it does not match or
    matches nothing. Patterns carry no backslashes (portable literals). -#}
{% macro regexp_group(column, pattern) -%}
    {{ return(adapter.dispatch('regexp_group', 'mql_funnel')(column, pattern)) }}
{%- endmacro %}

{% macro default__regexp_group(column, pattern) -%}
    nullif(substring({{ column }} from '{{ pattern }}'), '')
{%- endmacro %}

{% macro duckdb__regexp_group(column, pattern) -%}
    nullif(regexp_extract({{ column }}, '{{ pattern }}', 1), '')
{%- endmacro %}

{% macro spark__regexp_group(column, pattern) -%}
    nullif(regexp_extract({{ column }}, '{{ pattern }}', 1), '')
{%- endmacro %}

{#- Section 7: a URL's parameter p is the text after ?p= or &p= up to the
    next & or #, as is; an empty one counts as missing. -#}
{% macro url_parameter(url, name) -%}
    {{ regexp_group(url, '[?&]' ~ name ~ '=([^&#]*)') }}
{%- endmacro %}

{#- Section 7: a URL's host is the part after :// (or the whole value when
    there is none) up to the first /, :, ? or #, lower-cased. -#}
{% macro url_host(url) -%}
    lower({{ regexp_group(
        "case when " ~ dbt.position("'://'", url) ~ " > 0 then substr(" ~ url ~ ", "
        ~ dbt.position("'://'", url) ~ " + 3) else " ~ url ~ " end",
        '^([^/:?#]*)'
    ) }})
{%- endmacro %}

{#- The first run of digits of a text as an integer ('50-100' -> 50), NULL
    when there is none or it does not fit one. -#}
{% macro first_integer(column) -%}
    {%- set digits = regexp_group('cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')', '([0-9]+)') -%}
    case when length({{ digits }}) <= 9 then cast({{ digits }} as integer) end
{%- endmacro %}

{#- The first item of a list landed as text ('[a, b]', "['a', 'b']" or
    '["a","b"]', as Google Ads' final_urls): brackets and quotes dropped,
    up to the first comma. -#}
{% macro first_list_item(column) -%}
    {%- set unquoted = "replace(replace(replace(replace(" ~ column ~ ", chr(39), ''), '\"', ''), '[', ''), ']', '')" -%}
    {{ regexp_group(unquoted, '^ *([^, ]*)') }}
{%- endmacro %}

{#- One output row per element of a delimited text (in a select list). -#}
{% macro split_to_rows(column, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'mql_funnel')(column, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(column, delimiter) -%}
    regexp_split_to_table({{ column }}, '{{ delimiter }}')
{%- endmacro %}

{% macro duckdb__split_to_rows(column, delimiter) -%}
    unnest(string_split({{ column }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro spark__split_to_rows(column, delimiter) -%}
    explode(split({{ column }}, '{{ delimiter }}'))
{%- endmacro %}

{#- The rows of `relation` that are the latest version of their key: the
    greatest of `order_columns` (NULLs last), then every column, so the pick
    never depends on read order. -#}
{% macro latest_versions(relation, key_column, order_columns, columns) -%}
    select
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from (
        select
            {%- for column in columns %}
            {{ column }},
            {%- endfor %}
            row_number() over (
                partition by {{ key_column }}
                order by {% for column in order_columns + columns %}{{ column }} desc nulls last{{ ", " if not loop.last }}{% endfor %}
            ) as version_rank
        from {{ relation }}
    ) as versions
    where version_rank = 1
{%- endmacro %}

{#- The vendor rows of a table that fed nothing: section 2's columns as NULL,
    the lineage and the reason (contract section 7, nothing lost). -#}
{% macro unmapped_row_columns(table_name) -%}
    {%- for column, data_type in section2_columns(table_name).items() %}
        cast(null as {{ data_type }}) as {{ column }},
    {%- endfor %}
{%- endmacro %}
