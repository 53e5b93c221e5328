{#- web_pageviews from segment.pages (contract section 7). The lead is
    user_id (var segment_user_id lead_id), or the lead whose e-mail is the
    user_id (segment_user_id email: none is an orphan, several leads an
    ambiguous_recipient); a page without user_id is anonymous. -#}
{%- set pages = source('segment', 'pages') %}
{%- set landed = relation_column_types(pages) %}
{%- set t = 'segment.pages' %}
{%- set by_email = var('segment_user_id') == 'email' %}
with pages as (

    select
        {{ vendor_text(landed, t, 'id') }} as pageview_id,
        {{ vendor_text(landed, t, 'anonymous_id') }} as visitor_id,
        {{ vendor_text(landed, t, 'user_id') }} as user_id,
        {{ vendor_timestamp(landed, t, 'timestamp') }} as occurred_at,
        {{ vendor_column(landed, t, 'path', dbt.type_string()) }} as page_path,
        {{ vendor_column(landed, t, 'context_campaign_source', dbt.type_string()) }} as utm_source,
        {{ vendor_column(landed, t, 'context_campaign_medium', dbt.type_string()) }} as utm_medium,
        {{ vendor_column(landed, t, 'context_campaign_name', dbt.type_string()) }} as utm_campaign,
        {{ url_host(vendor_column(landed, t, 'referrer', dbt.type_string())) }} as referrer_host,
        {{ source_row_number(vendor_text(landed, t, 'id')) }} as source_row_number
    from {{ pages }}

),

{% if by_email -%}
lead_emails as (

    select
        {{ normalize_text('email') }} as email_key,
        min({{ clean_id('lead_id') }}) as lead_id,
        count(distinct {{ clean_id('lead_id') }}) as lead_count
    from {{ section2_relation('crm', 'crm_leads') }}
    where nullif({{ normalize_text('email') }}, '') is not null
    group by {{ normalize_text('email') }}

),
{%- endif %}

final as (

    select
        pages.pageview_id,
        pages.visitor_id,
        {{ 'lead_emails.lead_id' if by_email else 'pages.user_id' }} as lead_id,
        pages.occurred_at,
        pages.page_path,
        pages.utm_source,
        pages.utm_medium,
        pages.utm_campaign,
        pages.referrer_host,
        '{{ t }}' as source_table,
        pages.pageview_id as source_row_key,
        pages.source_row_number,
        {% if by_email -%}
        case
            when pages.user_id is not null and lead_emails.lead_count is null then 'orphan'
            when lead_emails.lead_count > 1 then 'ambiguous_recipient'
        end
        {%- else -%}
        cast(null as {{ dbt.type_string() }})
        {%- endif %} as unmapped_reason
    from pages
    {%- if by_email %}
    left join lead_emails
        on {{ normalize_text('pages.user_id') }} = lead_emails.email_key
    {%- endif %}

)

select * from final
