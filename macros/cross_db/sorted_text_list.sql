{#- The distinct values of `measure` in a group, sorted, joined by
    `delimiter` into one text (NULL for a group with none). dbt.listagg
    cannot order on Spark, so this one sorts there too. -#}
{% macro sorted_text_list(measure, delimiter=', ') -%}
    {{ return(adapter.dispatch('sorted_text_list', 'mql_funnel')(measure, delimiter)) }}
{%- endmacro %}

{% macro default__sorted_text_list(measure, delimiter) -%}
    string_agg(distinct {{ measure }}, '{{ delimiter }}' order by {{ measure }})
{%- endmacro %}

{% macro spark__sorted_text_list(measure, delimiter) -%}
    nullif(array_join(array_sort(collect_set({{ measure }})), '{{ delimiter }}'), '')
{%- endmacro %}
