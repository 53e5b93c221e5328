{#- crm_lead_status_changes from hubspot.contact_property_history (contract
    section 7): the history rows whose (name, value) seed crm_status_map
    lists for hubspot; other rows are not status changes and are not read. -#}
{%- set history = source('hubspot', 'contact_property_history') %}
{%- set landed = relation_column_types(history) %}
{%- set t = 'hubspot.contact_property_history' %}
with history as (

    select
        {{ vendor_text(landed, t, 'contact_id') }} as contact_id,
        {{ vendor_column(landed, t, 'name', dbt.type_string()) }} as property_name,
        {{ vendor_column(landed, t, 'value', dbt.type_string()) }} as property_value,
        {{ vendor_timestamp(landed, t, 'timestamp') }} as changed_at,
        {{ vendor_text(landed, t, 'source_id') }} as changed_by
    from {{ history }}

),

status_map as (

    select * from {{ ref('stg_seeds__crm_status_map') }}
    where crm_source = 'hubspot'

),

status_rows as (

    select
        history.*,
        status_map.new_status,
        {{ composite_key(['history.contact_id', 'history.property_name', 'history.changed_at']) }} as status_change_id
    from history
    inner join status_map
        on {{ normalize_text('history.property_name') }} = status_map.field_name
        and {{ normalize_text('history.property_value') }} = status_map.field_value

),

final as (

    select
        status_rows.status_change_id,
        coalesce(contact_leads.lead_id, status_rows.contact_id) as lead_id,
        status_rows.new_status,
        status_rows.changed_at,
        status_rows.changed_by,
        '{{ t }}' as source_table,
        status_rows.status_change_id as source_row_key,
        {{ source_row_number('status_rows.status_change_id') }} as source_row_number,
        cast(null as {{ dbt.type_string() }}) as unmapped_reason
    from status_rows
    left join {{ ref('base_hubspot__contact_leads') }} as contact_leads
        on status_rows.contact_id = contact_leads.contact_id

)

select * from final
