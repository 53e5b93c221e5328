{#- The columns of a relation as {lower-case name: lower-case data type},
    empty while dbt parses and for a subquery (an adapter's rows, already in
    section 2's landing types). -#}
{% macro relation_column_types(relation) -%}
    {%- set types = {} -%}
    {%- if execute and relation is not string -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do types.update({column.name | lower: column.data_type | lower}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro %}
