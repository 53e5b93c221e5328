{#- The first kept pageview (no value error, first of its id) of each visitor,
    month and named lead (NULL: anonymous), whatever the lead's state: the
    readers drop the groups of deleted or unknown leads, so a change to a lead
    needs no rebuild here. Incremental (append): a run adds the groups of the
    pageviews in its lookback window again; readers take the first row over
    every stored row, so a group stored twice changes nothing. -#}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with kept_pageviews as (

    select
        visitor_id,
        {{ month_of('occurred_at') }} as month,
        lead_id,
        pageview_id,
        occurred_at,
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_web_pageviews__checked') }}
    where
        value_error is null
        and key_rank = 1
        and occurred_at >= {{ lookback_start('occurred_at') }}

),

final as (

    {{ first_row_per_group(
        'kept_pageviews',
        partition_by=['visitor_id', 'month', 'lead_id'],
        order_by=['occurred_at', 'pageview_id'],
        columns=['pageview_id', 'occurred_at', 'utm_source', 'utm_medium', 'referrer_host'],
    ) | indent(4) }}

)

select * from final
