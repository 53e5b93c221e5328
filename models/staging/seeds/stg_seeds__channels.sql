with source as (

    select * from {{ ref('channels') }}

),

renamed as (

    select
        channel,
        cast(channel_order as integer) as channel_order
    from source

)

select * from renamed
