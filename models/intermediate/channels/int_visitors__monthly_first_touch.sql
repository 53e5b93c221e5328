{#- A visitor's touch in a month is its first pageview of the month
    (earliest occurred_at, ties by smallest pageview_id). -#}
with pageviews as (

    select
        visitor_id,
        pageview_id,
        occurred_at,
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_audit__web_pageviews') }}
    where row_bucket = 'used'

),

ranked as (

    select
        visitor_id,
        {{ month_of('occurred_at') }} as month,
        utm_source,
        utm_medium,
        referrer_host,
        row_number() over (
            partition by visitor_id, {{ month_of('occurred_at') }}
            order by occurred_at, pageview_id
        ) as pageview_rank
    from pageviews

),

final as (

    select
        visitor_id,
        month,
        utm_source,
        utm_medium,
        referrer_host
    from ranked
    where pageview_rank = 1

)

select * from final
