with source as (

    select * from {{ source('marketing', 'ad_spend') }}

),

renamed as (

    select
        cast(spend_date as date) as spend_date,
        {{ normalize_text('platform') }} as platform,
        {{ normalize_text('utm_source') }} as utm_source,
        {{ normalize_text('utm_medium') }} as utm_medium,
        '' as referrer_host,
        campaign,
        cast(spend as decimal(18, 2)) as spend,
        upper(trim(coalesce(currency, ''))) as currency
    from source

)

select * from renamed
