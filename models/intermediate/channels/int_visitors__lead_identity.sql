{#- A visitor belongs to the lead of its latest identified pageview (ties:
    largest pageview_id). Only used pageviews count, so deleted leads own
    nothing and their visitors' other pageviews stay anonymous. -#}
with identified_pageviews as (

    select
        visitor_id,
        lead_id,
        pageview_id,
        occurred_at
    from {{ ref('int_audit__web_pageviews') }}
    where row_bucket = 'used' and lead_id is not null

),

final as (

    {{ first_row_per_group(
        'identified_pageviews',
        partition_by=['visitor_id'],
        order_by=['occurred_at', 'pageview_id'],
        columns=['lead_id'],
        descending=true,
    ) | indent(4) }}

)

select * from final
