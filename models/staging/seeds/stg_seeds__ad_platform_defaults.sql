with source as (

    select * from {{ ref('ad_platform_defaults') }}

),

renamed as (

    select
        {{ normalize_text('platform') }} as platform,
        {{ normalize_text('utm_source') }} as utm_source,
        {{ normalize_text('utm_medium') }} as utm_medium
    from source

)

select * from renamed
