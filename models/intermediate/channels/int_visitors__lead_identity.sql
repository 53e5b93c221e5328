{#- A visitor belongs to the lead of its latest used identified pageview
    (ties: largest pageview_id). Only live leads count, so deleted leads own
    nothing and their visitors' other pageviews stay anonymous. -#}
with live_leads as (

    select lead_id
    from {{ ref('int_audit__crm_leads') }}
    where row_bucket = 'used'

),

identified_pageviews as (

    select
        lead_pageviews.visitor_id,
        lead_pageviews.lead_id,
        lead_pageviews.last_pageview_id,
        lead_pageviews.last_occurred_at
    from {{ ref('int_visitors__monthly_lead_pageviews') }} as lead_pageviews
    inner join live_leads
        on lead_pageviews.lead_id = live_leads.lead_id

),

final as (

    {{ first_row_per_group(
        'identified_pageviews',
        partition_by=['visitor_id'],
        order_by=['last_occurred_at', 'last_pageview_id'],
        columns=['lead_id'],
        descending=true,
    ) | indent(4) }}

)

select * from final
