{#- ad_spend from facebook_ads.basic_ad (contract section 7): spend in the
    account's currency (latest account_history), utm parameters from the
    key / value pairs of the ad's creative's url_tags (latest versions of
    ad and creative), else from the parameters of its page_link; campaign
    names from campaign_history where it is landed (optional table). -#}
{%- set stats = source('facebook_ads', 'basic_ad') %}
{%- set landed = relation_column_types(stats) %}
{%- set t = 'facebook_ads.basic_ad' %}
{%- set ads = source('facebook_ads', 'ad_history') %}
{%- set ad_types = relation_column_types(ads) %}
{%- set creatives = source('facebook_ads', 'creative_history') %}
{%- set creative_types = relation_column_types(creatives) %}
{%- set accounts = source('facebook_ads', 'account_history') %}
{%- set account_types = relation_column_types(accounts) %}
{%- set campaigns = relation_or_empty(source('facebook_ads', 'campaign_history')) %}
{%- set campaign_types = relation_column_types(campaigns) %}
with stats as (

    select
        cast({{ vendor_timestamp(landed, t, 'date') }} as date) as spend_date,
        {{ vendor_text(landed, t, 'ad_id') }} as ad_id,
        {{ vendor_text(landed, t, 'account_id') }} as account_id,
        {{ vendor_column(landed, t, 'spend', type_money()) }} as spend
    from {{ stats }}

),

ad_versions as (

    select
        {{ vendor_text(ad_types, 'facebook_ads.ad_history', 'id') }} as ad_id,
        {{ vendor_text(ad_types, 'facebook_ads.ad_history', 'creative_id') }} as creative_id,
        {{ vendor_text(ad_types, 'facebook_ads.ad_history', 'campaign_id') }} as campaign_id,
        {{ vendor_timestamp(ad_types, 'facebook_ads.ad_history', 'updated_time') }} as updated_at
    from {{ ads }}

),

creative_versions as (

    select
        {{ vendor_text(creative_types, 'facebook_ads.creative_history', 'id') }} as creative_id,
        {{ vendor_timestamp(creative_types, 'facebook_ads.creative_history', '_fivetran_synced') }} as updated_at,
        {{ vendor_column(creative_types, 'facebook_ads.creative_history', 'url_tags', dbt.type_string()) }} as url_tags,
        {{ vendor_column(creative_types, 'facebook_ads.creative_history', 'page_link', dbt.type_string()) }} as landing_url
    from {{ creatives }}

),

account_versions as (

    select
        {{ vendor_text(account_types, 'facebook_ads.account_history', 'id') }} as account_id,
        {{ vendor_timestamp(account_types, 'facebook_ads.account_history', '_fivetran_synced') }} as updated_at,
        upper(trim({{ vendor_column(account_types, 'facebook_ads.account_history', 'currency', dbt.type_string()) }})) as currency
    from {{ accounts }}

),

campaign_versions as (

    select
        {{ vendor_text(campaign_types, 'facebook_ads.campaign_history', 'id') }} as campaign_id,
        {{ vendor_timestamp(campaign_types, 'facebook_ads.campaign_history', 'updated_time') }} as updated_at,
        {{ vendor_column(campaign_types, 'facebook_ads.campaign_history', 'name', dbt.type_string()) }} as campaign_name
    from {{ campaigns }}

),

platform_rows as (

    select
        stats.spend_date,
        stats.spend,
        accounts.currency,
        creatives.landing_url,
        {%- for name in ['utm_source', 'utm_medium', 'utm_campaign'] %}
        {{ regexp_group('creatives.url_tags', '"key" *: *"' ~ name ~ '" *, *"value" *: *"([^"]*)"') }} as tag_{{ name }},
        {%- endfor %}
        campaigns.campaign_name,
        {{ composite_key(['stats.spend_date', 'stats.ad_id']) }} as source_row_key,
        {{ source_row_number(composite_key(['stats.spend_date', 'stats.ad_id'])) }} as source_row_number
    from stats
    left join ({{ latest_versions('ad_versions', 'ad_id', ['updated_at'], ['ad_id', 'creative_id', 'campaign_id']) }}) as ads
        on stats.ad_id = ads.ad_id
    left join ({{ latest_versions('creative_versions', 'creative_id', ['updated_at'], ['creative_id', 'url_tags', 'landing_url']) }}) as creatives
        on ads.creative_id = creatives.creative_id
    left join ({{ latest_versions('account_versions', 'account_id', ['updated_at'], ['account_id', 'currency']) }}) as accounts
        on stats.account_id = accounts.account_id
    left join ({{ latest_versions('campaign_versions', 'campaign_id', ['updated_at'], ['campaign_id', 'campaign_name']) }}) as campaigns
        on ads.campaign_id = campaigns.campaign_id

),

final as (

    {{ ad_spend_rows('facebook_ads', t, 'platform_rows', tag_columns=true) | indent(4) }}

)

select * from final
