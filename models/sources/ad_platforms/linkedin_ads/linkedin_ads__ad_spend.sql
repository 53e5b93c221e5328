{#- ad_spend from linkedin_ads.ad_analytics_by_creative (contract section 7):
    cost_in_local_currency in the account's currency (latest
    account_history, through the creative's campaign), utm parameters of
    the creative's click_uri (latest creative_history). -#}
{%- set stats = source('linkedin_ads', 'ad_analytics_by_creative') %}
{%- set landed = relation_column_types(stats) %}
{%- set t = 'linkedin_ads.ad_analytics_by_creative' %}
{%- set creatives = source('linkedin_ads', 'creative_history') %}
{%- set creative_types = relation_column_types(creatives) %}
{%- set campaigns = source('linkedin_ads', 'campaign_history') %}
{%- set campaign_types = relation_column_types(campaigns) %}
{%- set accounts = source('linkedin_ads', 'account_history') %}
{%- set account_types = relation_column_types(accounts) %}
with stats as (

    select
        cast({{ vendor_timestamp(landed, t, 'day') }} as date) as spend_date,
        {{ vendor_text(landed, t, 'creative_id') }} as creative_id,
        {{ vendor_column(landed, t, 'cost_in_local_currency', type_money()) }} as spend
    from {{ stats }}

),

creative_versions as (

    select
        {{ vendor_text(creative_types, 'linkedin_ads.creative_history', 'id') }} as creative_id,
        {{ vendor_text(creative_types, 'linkedin_ads.creative_history', 'campaign_id') }} as campaign_id,
        coalesce(
            {{ vendor_timestamp(creative_types, 'linkedin_ads.creative_history', 'last_modified_at') }},
            {{ vendor_timestamp(creative_types, 'linkedin_ads.creative_history', 'last_modified_time') }}
        ) as updated_at,
        {{ vendor_column(creative_types, 'linkedin_ads.creative_history', 'click_uri', dbt.type_string()) }} as landing_url
    from {{ creatives }}

),

campaign_versions as (

    select
        {{ vendor_text(campaign_types, 'linkedin_ads.campaign_history', 'id') }} as campaign_id,
        {{ vendor_text(campaign_types, 'linkedin_ads.campaign_history', 'account_id') }} as account_id,
        {{ vendor_timestamp(campaign_types, 'linkedin_ads.campaign_history', 'last_modified_time') }} as updated_at,
        {{ vendor_column(campaign_types, 'linkedin_ads.campaign_history', 'name', dbt.type_string()) }} as campaign_name
    from {{ campaigns }}

),

account_versions as (

    select
        {{ vendor_text(account_types, 'linkedin_ads.account_history', 'id') }} as account_id,
        {{ vendor_timestamp(account_types, 'linkedin_ads.account_history', 'last_modified_time') }} as updated_at,
        upper(trim({{ vendor_column(account_types, 'linkedin_ads.account_history', 'currency', dbt.type_string()) }})) as currency
    from {{ accounts }}

),

platform_rows as (

    select
        stats.spend_date,
        stats.spend,
        accounts.currency,
        creatives.landing_url,
        campaigns.campaign_name,
        {{ composite_key(['stats.spend_date', 'stats.creative_id']) }} as source_row_key,
        {{ source_row_number(composite_key(['stats.spend_date', 'stats.creative_id'])) }} as source_row_number
    from stats
    left join ({{ latest_versions('creative_versions', 'creative_id', ['updated_at'], ['creative_id', 'campaign_id', 'landing_url']) }}) as creatives
        on stats.creative_id = creatives.creative_id
    left join ({{ latest_versions('campaign_versions', 'campaign_id', ['updated_at'], ['campaign_id', 'account_id', 'campaign_name']) }}) as campaigns
        on creatives.campaign_id = campaigns.campaign_id
    left join ({{ latest_versions('account_versions', 'account_id', ['updated_at'], ['account_id', 'currency']) }}) as accounts
        on campaigns.account_id = accounts.account_id

),

final as (

    {{ ad_spend_rows('linkedin_ads', t, 'platform_rows') | indent(4) }}

)

select * from final
