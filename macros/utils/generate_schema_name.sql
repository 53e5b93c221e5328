{#- Custom schemas are used as named (staging, intermediate, seeds); marts stay
    in the target schema so BI tools find them on the default search path. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
