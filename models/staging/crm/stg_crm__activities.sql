with source as (

    select * from {{ source('crm', 'crm_activities') }}

),

renamed as (

    select
        {{ clean_id('activity_id') }} as activity_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ normalize_text('activity_type') }} as activity_type,
        cast(occurred_at as timestamp) as occurred_at,
        rep_id
    from source

)

select * from renamed
