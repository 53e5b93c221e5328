{#- One row per group of `relation` (the `partition_by` columns) with the
    `columns` of the group's first row in `order_by` order (last row when
    `descending`), and, for each of `last_columns`, `last_<column>` from the
    group's last row: one pass gives both ends of a group. The order columns
    must not tie within a group and must not be NULL. DuckDB picks the rows
    with arg_min / arg_max aggregates, far cheaper than a window over every
    row; other adapters number the rows. -#}
{% macro first_row_per_group(relation, partition_by, order_by, columns, descending=false, last_columns=[]) -%}
    {{ return(adapter.dispatch('first_row_per_group', 'mql_funnel')(relation, partition_by, order_by, columns, descending, last_columns)) }}
{%- endmacro %}

{% macro default__first_row_per_group(relation, partition_by, order_by, columns, descending, last_columns) -%}
    {%- set direction = ' desc' if descending else '' -%}
    {%- set reverse = '' if descending else ' desc' -%}
    {%- set read_columns = columns + (last_columns | reject('in', columns) | list) -%}
    select
        {%- for column in partition_by %}
        {{ column }}{{ "," if columns or last_columns or not loop.last }}
        {%- endfor %}
        {%- for column in columns %}
        {%- if last_columns %}
        max(case when row_rank = 1 then {{ column }} end) as {{ column }},
        {%- else %}
        {{ column }}{{ "," if not loop.last }}
        {%- endif %}
        {%- endfor %}
        {%- for column in last_columns %}
        max(case when reverse_rank = 1 then {{ column }} end) as last_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from (
        select
            {%- for column in partition_by + read_columns %}
            {{ column }},
            {%- endfor %}
            {%- if last_columns %}
            row_number() over (
                partition by {{ partition_by | join(', ') }}
                order by {% for column in order_by %}{{ column }}{{ reverse }}{{ ", " if not loop.last }}{% endfor %}
            ) as reverse_rank,
            {%- endif %}
            row_number() over (
                partition by {{ partition_by | join(', ') }}
                order by {% for column in order_by %}{{ column }}{{ direction }}{{ ", " if not loop.last }}{% endfor %}
            ) as row_rank
        from {{ relation }}
    ) as ranked
    {%- if last_columns %}
    where row_rank = 1 or reverse_rank = 1
    group by {{ partition_by | join(', ') }}
    {%- else %}
    where row_rank = 1
    {%- endif %}
{%- endmacro %}

{% macro duckdb__first_row_per_group(relation, partition_by, order_by, columns, descending, last_columns) -%}
    select
        {%- for column in partition_by %}
        {{ column }},
        {%- endfor %}
        {%- for column in columns %}
        first_row.{{ column }} as {{ column }}{{ "," if last_columns or not loop.last }}
        {%- endfor %}
        {%- for column in last_columns %}
        last_row.{{ column }} as last_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from (
        select
            {%- for column in partition_by %}
            {{ column }},
            {%- endfor %}
            {{ 'arg_max' if descending else 'arg_min' }}(
                struct_pack({% for column in columns %}{{ column }} := {{ column }}{{ ", " if not loop.last }}{% endfor %}),
                row({{ order_by | join(', ') }})
            ) as first_row
            {%- if last_columns -%},
            {{ 'arg_min' if descending else 'arg_max' }}(
                struct_pack({% for column in last_columns %}{{ column }} := {{ column }}{{ ", " if not loop.last }}{% endfor %}),
                row({{ order_by | join(', ') }})
            ) as last_row
            {%- endif %}
        from {{ relation }}
        group by {{ partition_by | join(', ') }}
    ) as grouped
{%- endmacro %}
