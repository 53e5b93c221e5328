{#- An order-free fingerprint of the values of `measure` in a group: the sum
    of their 64-bit hashes, as text (NULL for a group with none). A set that
    gains, loses or swaps a value changes it; cheaper than a sorted list. -#}
{% macro hash_sum(measure) -%}
    {{ return(adapter.dispatch('hash_sum', 'mql_funnel')(measure)) }}
{%- endmacro %}

{% macro default__hash_sum(measure) -%}
    cast(sum(hash({{ measure }})) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro postgres__hash_sum(measure) -%}
    cast(sum(hashtextextended({{ measure }}, 0)) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__hash_sum(measure) -%}
    cast(sum(cast(xxhash64({{ measure }}) as decimal(38, 0))) as {{ dbt.type_string() }})
{%- endmacro %}
