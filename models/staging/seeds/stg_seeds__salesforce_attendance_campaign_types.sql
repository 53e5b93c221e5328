with source as (

    select * from {{ ref('salesforce_attendance_campaign_types') }}

),

renamed as (

    select {{ normalize_text('campaign_type') }} as campaign_type
    from source

)

select * from renamed
