{#- A visitor belongs to the lead of its latest used identified pageview
    (ties: largest pageview_id). Only live leads count, so deleted leads own
    nothing and their visitors' other pageviews stay anonymous. -#}
with live_leads as (

    select lead_id
    from {{ ref('int_crm_leads__used') }}

),

identified_pageviews as (

    select
        last_pageviews.visitor_id,
        last_pageviews.lead_id,
        last_pageviews.pageview_id,
        last_pageviews.occurred_at
    from {{ ref('int_visitors__lead_last_pageviews') }} as last_pageviews
    inner join live_leads
        on last_pageviews.lead_id = live_leads.lead_id

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
