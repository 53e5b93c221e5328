with source as (

    select * from {{ ref('referrer_hosts') }}

),

renamed as (

    select
        {{ normalize_text('referrer_class') }} as referrer_class,
        {{ normalize_text('host_pattern') }} as host_pattern,
        {{ normalize_text('match_type') }} as match_type
    from source

)

select * from renamed
