with source as (

    select * from {{ ref('hubspot_analytics_sources') }}

),

renamed as (

    select
        {{ normalize_text('analytics_source') }} as analytics_source,
        {{ normalize_text('utm_medium') }} as utm_medium
    from source

)

select * from renamed
