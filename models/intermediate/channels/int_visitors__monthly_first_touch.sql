{#- A visitor's touch in a month is its first pageview of the month
    (earliest occurred_at, ties by smallest pageview_id). -#}
with pageviews as (

    select
        visitor_id,
        {{ month_of('occurred_at') }} as month,
        pageview_id,
        occurred_at,
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_audit__web_pageviews') }}
    where row_bucket = 'used'

),

final as (

    {{ first_row_per_group(
        'pageviews',
        partition_by=['visitor_id', 'month'],
        order_by=['occurred_at', 'pageview_id'],
        columns=['utm_source', 'utm_medium', 'referrer_host'],
    ) | indent(4) }}

)

select * from final
