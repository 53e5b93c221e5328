{#- An ORDER BY list with NULLs sorted last in every item that does not say
    otherwise. Engines disagree on where NULLs sort by default (DuckDB: last;
    PostgreSQL: last ascending, first descending; Spark: first ascending,
    last descending), so an order that may meet NULLs says it explicitly and
    keeps the same row on every adapter. Commas inside parentheses stay. -#}
{% macro order_nulls_last(order_by) -%}
    {%- set state = {'depth': 0, 'current': ''} -%}
    {%- set items = [] -%}
    {%- for char in order_by -%}
        {%- if char == ',' and state.depth == 0 -%}
            {%- do items.append(state.current) -%}
            {%- do state.update({'current': ''}) -%}
        {%- else -%}
            {%- if char == '(' -%}
                {%- do state.update({'depth': state.depth + 1}) -%}
            {%- elif char == ')' -%}
                {%- do state.update({'depth': state.depth - 1}) -%}
            {%- endif -%}
            {%- do state.update({'current': state.current ~ char}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do items.append(state.current) -%}
    {%- set ordered = [] -%}
    {%- for item in items -%}
        {%- set item = item | trim -%}
        {%- if ' nulls ' in ' ' ~ (item | lower) ~ ' ' -%}
            {%- do ordered.append(item) -%}
        {%- else -%}
            {%- do ordered.append(item ~ ' nulls last') -%}
        {%- endif -%}
    {%- endfor -%}
    {{- ordered | join(', ') -}}
{%- endmacro %}
