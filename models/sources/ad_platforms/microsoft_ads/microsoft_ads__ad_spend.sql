{#- ad_spend from microsoft_ads.ad_performance_daily_report (contract
    section 7): spend in the report row's currency_code, utm parameters of
    the ad's final_url (latest ad_history). -#}
{%- set stats = source('microsoft_ads', 'ad_performance_daily_report') %}
{%- set landed = relation_column_types(stats) %}
{%- set t = 'microsoft_ads.ad_performance_daily_report' %}
{%- set ads = source('microsoft_ads', 'ad_history') %}
{%- set ad_types = relation_column_types(ads) %}
{%- set campaigns = source('microsoft_ads', 'campaign_history') %}
{%- set campaign_types = relation_column_types(campaigns) %}
with stats as (

    select
        cast({{ vendor_timestamp(landed, t, 'date') }} as date) as spend_date,
        {{ vendor_text(landed, t, 'ad_id') }} as ad_id,
        {{ vendor_text(landed, t, 'campaign_id') }} as campaign_id,
        {{ vendor_column(landed, t, 'spend', type_money()) }} as spend,
        upper(trim({{ vendor_column(landed, t, 'currency_code', dbt.type_string()) }})) as currency
    from {{ stats }}

),

ad_versions as (

    select
        {{ vendor_text(ad_types, 'microsoft_ads.ad_history', 'id') }} as ad_id,
        {{ vendor_timestamp(ad_types, 'microsoft_ads.ad_history', 'modified_time') }} as updated_at,
        {{ vendor_column(ad_types, 'microsoft_ads.ad_history', 'final_url', dbt.type_string()) }} as landing_url
    from {{ ads }}

),

campaign_versions as (

    select
        {{ vendor_text(campaign_types, 'microsoft_ads.campaign_history', 'id') }} as campaign_id,
        {{ vendor_timestamp(campaign_types, 'microsoft_ads.campaign_history', 'modified_time') }} as updated_at,
        {{ vendor_column(campaign_types, 'microsoft_ads.campaign_history', 'name', dbt.type_string()) }} as campaign_name
    from {{ campaigns }}

),

platform_rows as (

    select
        stats.spend_date,
        stats.spend,
        stats.currency,
        ads.landing_url,
        campaigns.campaign_name,
        {{ composite_key(['stats.spend_date', 'stats.ad_id']) }} as source_row_key,
        {{ source_row_number(composite_key(['stats.spend_date', 'stats.ad_id'])) }} as source_row_number
    from stats
    left join ({{ latest_versions('ad_versions', 'ad_id', ['updated_at'], ['ad_id', 'landing_url']) }}) as ads
        on stats.ad_id = ads.ad_id
    left join ({{ latest_versions('campaign_versions', 'campaign_id', ['updated_at'], ['campaign_id', 'campaign_name']) }}) as campaigns
        on stats.campaign_id = campaigns.campaign_id

),

final as (

    {{ ad_spend_rows('microsoft_ads', t, 'platform_rows') | indent(4) }}

)

select * from final
