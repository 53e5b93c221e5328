{%- set source_relation = section2_relation('marketing', 'ad_spend') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        cast({{ utc_timestamp(landed_types, 'spend_date') }} as date) as spend_date,
        {{ normalize_text('platform') }} as platform,
        {{ normalize_text('utm_source') }} as utm_source,
        {{ normalize_text('utm_medium') }} as utm_medium,
        '' as referrer_host,
        campaign,
        {{ finite_or_null('spend', type_money()) }} as spend,
        {{ is_non_finite('spend') }} as spend_is_non_finite,
        upper(trim(coalesce(currency, ''))) as currency
    {{- lineage_select('ad_spend') }}
    from source

)

select * from renamed
