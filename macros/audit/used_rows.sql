{#- The used rows of an audit model (bucket used, contract section 5) with
    the given columns: the one place the bucket is filtered, so every model
    downstream of intermediate/used reads clean rows. -#}
{% macro used_rows(audit_model, columns) -%}
with final as (

    select
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ ref(audit_model) }}
    where row_bucket = 'used'

)

select * from final
{%- endmacro %}
