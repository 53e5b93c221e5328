with source as (

    select * from {{ ref('email_event_types') }}

),

renamed as (

    select
        {{ normalize_text('vendor_event_type') }} as vendor_event_type,
        {{ normalize_text('event_type') }} as event_type
    from source

)

select * from renamed
