{%- set source_relation = section2_relation('marketing', 'web_pageviews') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('pageview_id') }} as pageview_id,
        {{ clean_id('visitor_id') }} as visitor_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ utc_timestamp(landed_types, 'occurred_at') }} as occurred_at,
        page_path,
        {{ dbt.split_part(dbt.split_part(normalize_text('page_path'), "'?'", 1), "'#'", 1) }} as page_path_clean,
        {{ normalize_text('utm_source') }} as utm_source,
        {{ normalize_text('utm_medium') }} as utm_medium,
        utm_campaign,
        {{ normalize_text('referrer_host') }} as referrer_host
    {{- lineage_select('web_pageviews') }}
    from source

)

select * from renamed
