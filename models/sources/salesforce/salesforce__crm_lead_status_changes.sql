{#- crm_lead_status_changes from salesforce.lead_history (contract section
    7): the Status changes to a value seed crm_status_map lists for
    salesforce; other history rows are not status changes and are not read. -#}
{%- set history = relation_or_empty(source('salesforce', 'lead_history')) %}
{%- set landed = relation_column_types(history) %}
{%- set t = 'salesforce.lead_history' %}
with history as (

    select
        {{ vendor_text(landed, t, 'id') }} as history_id,
        {{ vendor_text(landed, t, 'lead_id') }} as lead_id,
        {{ vendor_column(landed, t, 'field', dbt.type_string()) }} as field_name,
        {{ vendor_column(landed, t, 'new_value', dbt.type_string()) }} as new_value,
        {{ vendor_timestamp(landed, t, 'created_date') }} as changed_at,
        {{ vendor_text(landed, t, 'created_by_id') }} as changed_by
    from {{ history }}
    where {{ salesforce_rows_read(landed, t) }}

),

status_map as (

    select * from {{ ref('stg_seeds__crm_status_map') }}
    where crm_source = 'salesforce'

),

final as (

    select
        history.history_id as status_change_id,
        history.lead_id,
        status_map.new_status,
        history.changed_at,
        history.changed_by,
        '{{ t }}' as source_table,
        history.history_id as source_row_key,
        {{ source_row_number('history.history_id') }} as source_row_number,
        cast(null as {{ dbt.type_string() }}) as unmapped_reason
    from history
    inner join status_map
        on {{ normalize_text('history.field_name') }} = status_map.field_name
        and {{ normalize_text('history.new_value') }} = status_map.field_value

)

select * from final
