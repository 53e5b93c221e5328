{#- The used rows of raw.web_pageviews (contract section 5): valid, first of
    their key, naming a live lead where they name one. -#}
with final as (

    select
        pageview_id,
        visitor_id,
        lead_id,
        occurred_at,
        page_path,
        page_path_clean,
        utm_source,
        utm_medium,
        utm_campaign,
        referrer_host
    from {{ ref('int_audit__web_pageviews') }}
    where row_bucket = 'used'

)

select * from final
