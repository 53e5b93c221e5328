{#- A visitor's touch in a month is its first used pageview of the month
    (earliest occurred_at, ties by smallest pageview_id): anonymous or naming
    a live lead; its channel by the channel rules (macro channel_map). -#}
with live_leads as (

    select lead_id
    from {{ ref('int_crm_leads__used') }}

),

used_first_pageviews as (

    select
        first_pageviews.visitor_id,
        first_pageviews.month,
        first_pageviews.pageview_id,
        first_pageviews.occurred_at,
        first_pageviews.utm_source,
        first_pageviews.utm_medium,
        first_pageviews.referrer_host
    from {{ ref('int_visitors__monthly_lead_first_pageviews') }} as first_pageviews
    left join live_leads
        on first_pageviews.lead_id = live_leads.lead_id
    where first_pageviews.lead_id is null or live_leads.lead_id is not null

),

first_touches as (

    {{ first_row_per_group(
        'used_first_pageviews',
        partition_by=['visitor_id', 'month'],
        order_by=['occurred_at', 'pageview_id'],
        columns=['utm_source', 'utm_medium', 'referrer_host'],
    ) | indent(4) }}

),

channel_map as (

    {{ channel_map('first_touches') | indent(4) }}

),

final as (

    select
        first_touches.visitor_id,
        first_touches.month,
        first_touches.utm_source,
        first_touches.utm_medium,
        first_touches.referrer_host,
        channel_map.channel
    from first_touches
    inner join channel_map
        on
            first_touches.utm_source = channel_map.utm_source
            and first_touches.utm_medium = channel_map.utm_medium
            and first_touches.referrer_host = channel_map.referrer_host

)

select * from final
