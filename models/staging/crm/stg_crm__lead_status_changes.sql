{%- set source_relation = section2_relation('crm', 'crm_lead_status_changes') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('status_change_id') }} as status_change_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ normalize_text('new_status') }} as new_status,
        {{ utc_timestamp(landed_types, 'changed_at') }} as changed_at,
        changed_by
    {{- lineage_select('crm_lead_status_changes') }}
    from source

)

select * from renamed
