{#- The last kept pageview (no value error, first of its id) of each visitor
    and the lead it names, whatever the lead's state (see
    int_visitors__monthly_lead_first_pageviews; incremental in the same way:
    readers take the last row over every stored row). A model of its own:
    at 1M leads, first and last rows in one aggregate over the 7.7M
    visitor-month-lead groups took 21 s on DuckDB, these two models 8 s
    (this one groups only identified pageviews, 1.1M groups). -#}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with identified_pageviews as (

    select
        visitor_id,
        lead_id,
        pageview_id,
        occurred_at
    from {{ ref('int_web_pageviews__checked') }}
    where
        value_error is null
        and key_rank = 1
        and lead_id is not null
        and occurred_at >= {{ lookback_start('occurred_at') }}

),

final as (

    {{ first_row_per_group(
        'identified_pageviews',
        partition_by=['visitor_id', 'lead_id'],
        order_by=['occurred_at', 'pageview_id'],
        columns=['pageview_id', 'occurred_at'],
        descending=true,
    ) | indent(4) }}

)

select * from final
