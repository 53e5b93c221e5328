with source as (

    select * from {{ ref('channel_benchmarks') }}

),

renamed as (

    select
        channel,
        visitor_to_mql_min,
        visitor_to_mql_max,
        mql_to_sql_min,
        mql_to_sql_max,
        cost_per_mql_min,
        cost_per_mql_max,
        {{ normalize_text('rate_basis') }} as rate_basis
    from source

)

select * from renamed
