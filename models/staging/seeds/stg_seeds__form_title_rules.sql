with source as (

    select * from {{ ref('form_title_rules') }}

),

renamed as (

    select
        rule_order,
        {{ normalize_text('title_pattern') }} as title_pattern,
        {{ normalize_text('form_type') }} as form_type,
        nullif({{ normalize_text('asset_type') }}, '') as asset_type
    from source

)

select * from renamed
