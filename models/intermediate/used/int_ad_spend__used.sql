{#- The used rows of raw.ad_spend (contract section 5): valid, first of their
    key, naming a live lead where they name one. -#}
with final as (

    select
        spend_date,
        platform,
        utm_source,
        utm_medium,
        referrer_host,
        campaign,
        spend,
        currency
    from {{ ref('int_audit__ad_spend') }}
    where row_bucket = 'used'

)

select * from final
