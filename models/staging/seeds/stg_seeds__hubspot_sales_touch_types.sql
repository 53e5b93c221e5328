with source as (

    select * from {{ ref('hubspot_sales_touch_types') }}

),

renamed as (

    select {{ normalize_text('engagement_type') }} as engagement_type
    from source

)

select * from renamed
