with source as (

    select * from {{ ref('free_email_domains') }}

),

renamed as (

    select distinct {{ normalize_text('email_domain') }} as email_domain
    from source

)

select * from renamed
