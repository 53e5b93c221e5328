with source as (

    select * from {{ ref('crm_status_map') }}

),

renamed as (

    select
        {{ normalize_text('crm_source') }} as crm_source,
        {{ normalize_text('field_name') }} as field_name,
        {{ normalize_text('field_value') }} as field_value,
        {{ normalize_text('new_status') }} as new_status
    from source

)

select * from renamed
