with source as (

    select * from {{ source('marketing', 'event_attendance') }}

),

renamed as (

    select
        {{ clean_id('attendance_id') }} as attendance_id,
        {{ clean_id('event_id') }} as event_id,
        {{ clean_id('lead_id') }} as lead_id,
        cast(registered_at as timestamp) as registered_at,
        coalesce(cast(attended as boolean), false) as attended,
        cast(attended_at as timestamp) as attended_at
    from source

)

select * from renamed
