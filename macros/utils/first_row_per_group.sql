{#- One row per group of `relation` (the `partition_by` columns) with the
    `columns` of the group's first row in `order_by` order (last row when
    `descending`). The order columns must not tie within a group and must not
    be NULL. DuckDB picks the row with one arg_min / arg_max aggregate, far
    cheaper than a window over every row; other adapters number the rows. -#}
{% macro first_row_per_group(relation, partition_by, order_by, columns, descending=false) -%}
    {{ return(adapter.dispatch('first_row_per_group', 'mql_funnel')(relation, partition_by, order_by, columns, descending)) }}
{%- endmacro %}

{% macro default__first_row_per_group(relation, partition_by, order_by, columns, descending) -%}
    {%- set direction = ' desc' if descending else '' -%}
    select
        {%- for column in partition_by + columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from (
        select
            {%- for column in partition_by + columns %}
            {{ column }},
            {%- endfor %}
            row_number() over (
                partition by {{ partition_by | join(', ') }}
                order by {% for column in order_by %}{{ column }}{{ direction }}{{ ", " if not loop.last }}{% endfor %}
            ) as row_rank
        from {{ relation }}
    ) as ranked
    where row_rank = 1
{%- endmacro %}

{% macro duckdb__first_row_per_group(relation, partition_by, order_by, columns, descending) -%}
    select
        {%- for column in partition_by %}
        {{ column }},
        {%- endfor %}
        {%- for column in columns %}
        first_row.{{ column }} as {{ column }}{{ "," if not loop.last }}
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
        from {{ relation }}
        group by {{ partition_by | join(', ') }}
    ) as grouped
{%- endmacro %}
