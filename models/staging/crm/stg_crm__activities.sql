{%- set source_relation = source('crm', 'crm_activities') %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('activity_id') }} as activity_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ normalize_text('activity_type') }} as activity_type,
        {{ utc_timestamp(source_relation, 'occurred_at') }} as occurred_at,
        rep_id
    from source

)

select * from renamed
