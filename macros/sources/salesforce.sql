{#- Reading the tables Fivetran lands from Salesforce (contract section 7). -#}

{#- The rows of a Salesforce table that are read: the version in force
    (`_fivetran_active` not false: History Mode keeps older versions as
    inactive rows) and, where `with_deleted` is false, not `is_deleted`. -#}
{% macro salesforce_rows_read(landed, table_key, with_deleted=false) -%}
    coalesce({{ vendor_column(landed, table_key, '_fivetran_active', dbt.type_boolean()) }}, true)
    {%- if not with_deleted %}
    and not coalesce({{ vendor_column(landed, table_key, 'is_deleted', dbt.type_boolean()) }}, false)
    {%- endif %}
{%- endmacro %}

{#- A Salesforce date (close_date, first_responded_date) as the timestamp of
    its midnight. -#}
{% macro salesforce_date_midnight(landed, table_key, column) -%}
    cast(cast({{ vendor_timestamp(landed, table_key, column) }} as date) as {{ dbt.type_timestamp() }})
{%- endmacro %}
