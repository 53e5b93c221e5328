with source as (

    select * from {{ ref('channel_benchmark_actions') }}

),

renamed as (

    select
        channel,
        action_if_below_benchmark
    from source

)

select * from renamed
