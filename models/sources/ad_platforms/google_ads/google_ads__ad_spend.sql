{#- ad_spend from google_ads.ad_stats (contract section 7): cost_micros /
    1,000,000 in the account's currency (latest account_history), utm
    parameters of the first of the ad's final_urls (latest ad_history). -#}
{%- set stats = source('google_ads', 'ad_stats') %}
{%- set landed = relation_column_types(stats) %}
{%- set t = 'google_ads.ad_stats' %}
{%- set ads = source('google_ads', 'ad_history') %}
{%- set ad_types = relation_column_types(ads) %}
{%- set accounts = source('google_ads', 'account_history') %}
{%- set account_types = relation_column_types(accounts) %}
{%- set campaigns = source('google_ads', 'campaign_history') %}
{%- set campaign_types = relation_column_types(campaigns) %}
with stats as (

    select
        cast({{ vendor_timestamp(landed, t, 'date') }} as date) as spend_date,
        {{ vendor_text(landed, t, 'customer_id') }} as account_id,
        {{ vendor_text(landed, t, 'ad_id') }} as ad_id,
        {{ vendor_text(landed, t, 'campaign_id') }} as campaign_id,
        cast({{ vendor_column(landed, t, 'cost_micros', type_double()) }} / 1000000 as {{ type_money() }}) as spend
    from {{ stats }}

),

ad_versions as (

    select
        {{ vendor_text(ad_types, 'google_ads.ad_history', 'id') }} as ad_id,
        {{ vendor_timestamp(ad_types, 'google_ads.ad_history', 'updated_at') }} as updated_at,
        {{ first_list_item(vendor_column(ad_types, 'google_ads.ad_history', 'final_urls', dbt.type_string())) }} as landing_url
    from {{ ads }}

),

account_versions as (

    select
        {{ vendor_text(account_types, 'google_ads.account_history', 'id') }} as account_id,
        {{ vendor_timestamp(account_types, 'google_ads.account_history', 'updated_at') }} as updated_at,
        upper(trim({{ vendor_column(account_types, 'google_ads.account_history', 'currency_code', dbt.type_string()) }})) as currency
    from {{ accounts }}

),

campaign_versions as (

    select
        {{ vendor_text(campaign_types, 'google_ads.campaign_history', 'id') }} as campaign_id,
        {{ vendor_timestamp(campaign_types, 'google_ads.campaign_history', 'updated_at') }} as updated_at,
        {{ vendor_column(campaign_types, 'google_ads.campaign_history', 'name', dbt.type_string()) }} as campaign_name
    from {{ campaigns }}

),

platform_rows as (

    select
        stats.spend_date,
        stats.spend,
        accounts.currency,
        ads.landing_url,
        campaigns.campaign_name,
        {{ composite_key(['stats.spend_date', 'stats.ad_id']) }} as source_row_key,
        {{ source_row_number(composite_key(['stats.spend_date', 'stats.ad_id'])) }} as source_row_number
    from stats
    left join ({{ latest_versions('ad_versions', 'ad_id', ['updated_at'], ['ad_id', 'landing_url']) }}) as ads
        on stats.ad_id = ads.ad_id
    left join ({{ latest_versions('account_versions', 'account_id', ['updated_at'], ['account_id', 'currency']) }}) as accounts
        on stats.account_id = accounts.account_id
    left join ({{ latest_versions('campaign_versions', 'campaign_id', ['updated_at'], ['campaign_id', 'campaign_name']) }}) as campaigns
        on stats.campaign_id = campaigns.campaign_id

),

final as (

    {{ ad_spend_rows('google_ads', t, 'platform_rows') | indent(4) }}

)

select * from final
