with source as (

    select * from {{ source('marketing', 'program_costs') }}

),

renamed as (

    select
        {{ month_of('cost_month') }} as cost_month,
        {{ normalize_text('channel') }} as channel,
        cast(cost as decimal(18, 2)) as cost
    from source

)

select * from renamed
