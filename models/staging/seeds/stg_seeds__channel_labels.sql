with source as (

    select * from {{ ref('channel_labels') }}

),

renamed as (

    select
        channel,
        channel_label
    from source

)

select * from renamed
