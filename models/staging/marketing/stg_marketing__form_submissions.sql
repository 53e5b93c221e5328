with source as (

    select * from {{ source('marketing', 'form_submissions') }}

),

renamed as (

    select
        {{ clean_id('submission_id') }} as submission_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ normalize_text('form_type') }} as form_type,
        {{ normalize_text('asset_type') }} as asset_type,
        cast(submitted_at as timestamp) as submitted_at
    from source

)

select * from renamed
