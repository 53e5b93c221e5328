with source as (

    select * from {{ ref('salesforce_lead_sources') }}

),

renamed as (

    select
        {{ normalize_text('lead_source') }} as lead_source,
        {{ normalize_text('utm_medium') }} as utm_medium
    from source

)

select * from renamed
