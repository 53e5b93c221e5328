with source as (

    select * from {{ ref('served_countries') }}

),

renamed as (

    select distinct upper(trim(country_code)) as country_code
    from source

)

select * from renamed
