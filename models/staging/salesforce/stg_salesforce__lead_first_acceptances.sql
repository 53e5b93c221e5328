{#- Salesforce's own opinion of when each lead was accepted by sales: the
    first Status change in lead_history to a value seed crm_status_map maps
    to sales_accepted, as landed (no plausibility or ordering rule), for the
    cross-check with our sql_at (fct_salesforce_sql_agreement). Built only
    with var crm_source salesforce. -#}
{{ config(enabled=var('crm_source') == 'salesforce') }}
{%- set history = optional_vendor_relation(source('salesforce', 'lead_history')) %}
{%- set landed = relation_column_types(history) %}
{%- set t = 'salesforce.lead_history' %}
with source as (

    select
        {{ vendor_text(landed, t, 'lead_id') }} as lead_id,
        {{ normalize_text(vendor_column(landed, t, 'field', dbt.type_string())) }} as field_name,
        {{ normalize_text(vendor_column(landed, t, 'new_value', dbt.type_string())) }} as new_value,
        {{ vendor_timestamp(landed, t, 'created_date') }} as changed_at
    from {{ history }}
    where {{ salesforce_rows_read(landed, t) }}

),

acceptances as (

    select source.*
    from source
    inner join {{ ref('stg_seeds__crm_status_map') }} as status_map
        on
            source.field_name = status_map.field_name
            and source.new_value = status_map.field_value
            and status_map.crm_source = 'salesforce'
            and status_map.new_status = '{{ var("sales_accepted_status") }}'

),

final as (

    select
        lead_id,
        min(changed_at) as salesforce_accepted_at
    from acceptances
    where lead_id is not null
    group by lead_id

)

select * from final
