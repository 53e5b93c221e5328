{#- The extra raw.crm_leads columns named by var crm_leads_passthrough_columns
    (README, Settings), each as ", <alias>.<column>", carried from staging to
    dim_leads. One place for the loop every model that carries them uses. -#}
{% macro passthrough_columns(relation_alias=none) -%}
    {%- for column in var('crm_leads_passthrough_columns', []) %},
        {{ (relation_alias ~ '.') if relation_alias }}{{ column }}
    {%- endfor %}
{%- endmacro %}
