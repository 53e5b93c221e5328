{%- set source_relation = section2_relation('marketing', 'event_attendance') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('attendance_id') }} as attendance_id,
        {{ clean_id('event_id') }} as event_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ utc_timestamp(landed_types, 'registered_at') }} as registered_at,
        coalesce(cast(attended as boolean), false) as attended,
        {{ utc_timestamp(landed_types, 'attended_at') }} as attended_at
    {{- lineage_select('event_attendance') }}
    from source

)

select * from renamed
