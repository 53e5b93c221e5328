{#- Maps every (source, medium, referrer host) that a live lead or a used
    spend row carries to its channel (macro channel_map: the first rule of
    seed channel_rules that matches). Visitors' touches are mapped where
    they are found (int_visitors__monthly_first_touch), so lead scoring
    never waits on pageviews. The macro keeps one row per distinct touch. -#}
with lead_touches as (

    select
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_crm_leads__used') }}

),

spend_touches as (

    select
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_ad_spend__used') }}

),

touches as (

    select
        utm_source,
        utm_medium,
        referrer_host
    from lead_touches
    union all
    select
        utm_source,
        utm_medium,
        referrer_host
    from spend_touches

),

final as (

    {{ channel_map('touches') | indent(4) }}

)

select * from final
