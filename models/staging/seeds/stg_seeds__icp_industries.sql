with source as (

    select * from {{ ref('icp_industries') }}

),

renamed as (

    select distinct {{ normalize_text('industry') }} as industry
    from source

)

select * from renamed
