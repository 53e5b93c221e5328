{%- set source_relation = section2_relation('marketing', 'email_events') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('email_event_id') }} as email_event_id,
        {{ clean_id('lead_id') }} as lead_id,
        campaign_id,
        {{ normalize_text('event_type') }} as event_type,
        {{ utc_timestamp(landed_types, 'occurred_at') }} as occurred_at
    {{- lineage_select('email_events') }}
    from source

)

select * from renamed
