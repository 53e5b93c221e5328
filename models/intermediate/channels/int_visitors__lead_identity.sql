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

ranked as (

    select
        visitor_id,
        lead_id,
        row_number() over (
            partition by visitor_id
            order by occurred_at desc, pageview_id desc
        ) as identification_rank
    from identified_pageviews

),

final as (

    select
        visitor_id,
        lead_id
    from ranked
    where identification_rank = 1

)

select * from final
