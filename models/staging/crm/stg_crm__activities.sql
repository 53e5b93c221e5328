{%- set source_relation = section2_relation('crm', 'crm_activities') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('activity_id') }} as activity_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ normalize_text('activity_type') }} as activity_type,
        {{ utc_timestamp(landed_types, 'occurred_at') }} as occurred_at,
        rep_id
    {{- lineage_select('crm_activities') }}
    from source

)

select * from renamed
