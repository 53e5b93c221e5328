with source as (

    select * from {{ ref('mql_health_checks') }}

),

renamed as (

    select
        check_id,
        {{ normalize_text('metric') }} as metric,
        {{ normalize_text('direction') }} as direction,
        threshold,
        cast(consecutive_months as integer) as consecutive_months,
        finding
    from source

)

select * from renamed
