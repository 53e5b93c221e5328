{#- One test for the NULL checks of many columns of a model: one scan
    instead of a test node (and a scan) per column. Fails with one row per
    column holding NULLs: the column and how many rows. -#}
{% test not_null_columns(model, columns) %}

with null_rows as (

    select
        {%- for column in columns %}
        sum(case when {{ column }} is null then 1 else 0 end) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}

)

{% for column in columns -%}
select
    '{{ column }}' as null_column,
    {{ column }} as null_rows
from null_rows
where {{ column }} > 0
{% if not loop.last %}union all
{% endif -%}
{%- endfor %}

{% endtest %}
