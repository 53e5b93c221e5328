{#- Contract section 7, ad platforms: a platform's daily spend rows as
    section 2 ad_spend rows. `rows` has spend_date, spend, currency,
    landing_url (its utm parameters), campaign_name, source_row_key and
    source_row_number; a parameter the URL lacks comes from `url_tags`
    columns where the platform has them (Facebook), then from seed
    ad_platform_defaults, a missing campaign from the campaign's name. -#}
{% macro ad_spend_rows(platform, source_table, rows, tag_columns=false) -%}
    {%- set parameters = {} -%}
    {%- for name in ['utm_source', 'utm_medium', 'utm_campaign'] -%}
        {%- set from_url = url_parameter('platform_rows.landing_url', name) -%}
        {%- do parameters.update({name: ('coalesce(platform_rows.tag_' ~ name ~ ', ' ~ from_url ~ ')') if tag_columns else from_url}) -%}
    {%- endfor -%}
    select
        platform_rows.spend_date,
        '{{ platform }}' as platform,
        coalesce({{ parameters['utm_source'] }}, platform_defaults.utm_source) as utm_source,
        coalesce({{ parameters['utm_medium'] }}, platform_defaults.utm_medium) as utm_medium,
        coalesce({{ parameters['utm_campaign'] }}, platform_rows.campaign_name) as campaign,
        platform_rows.spend,
        platform_rows.currency,
        '{{ source_table }}' as source_table,
        platform_rows.source_row_key,
        platform_rows.source_row_number,
        cast(null as {{ dbt.type_string() }}) as unmapped_reason
    from {{ rows }} as platform_rows
    left join {{ ref('stg_seeds__ad_platform_defaults') }} as platform_defaults
        on platform_defaults.platform = '{{ platform }}'
{%- endmacro %}
