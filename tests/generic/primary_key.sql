{#- A primary key: no NULL and no value twice, in one scan of the model (one
    test node where not_null and unique took two). With `unique_where`, a
    value may occur more than once, but only once among the rows that
    condition holds for. Fails on each offending value, NULL included, with
    its number of rows. -#}
{% test primary_key(model, column_name, unique_where=none) %}

select
    {{ column_name }} as key_value,
    count(*) as key_rows
from {{ model }}
group by {{ column_name }}
having
    {{ column_name }} is null
    {%- if unique_where %}
    or sum(case when {{ unique_where }} then 1 else 0 end) > 1
    {%- else %}
    or count(*) > 1
    {%- endif %}

{% endtest %}
