{#- crm_leads from hubspot.contact (contract section 7): one row per contact
    row, a merged contact under its survivor's id (a duplicate of it). -#}
{%- set contacts = source('hubspot', 'contact') %}
{%- set landed = relation_column_types(contacts) %}
{%- set t = 'hubspot.contact' %}
with contacts as (

    select
        contacts.*,
        {{ vendor_text(landed, t, 'id') }} as contact_id,
        {{ vendor_column(landed, t, 'property_hs_analytics_first_url', dbt.type_string()) }} as first_url,
        {{ normalize_text(vendor_column(landed, t, 'property_hs_analytics_source')) }} as analytics_source,
        {{ source_row_number(vendor_text(landed, t, 'id')) }} as source_row_number
    from {{ contacts }} as contacts

),

contact_leads as (

    select * from {{ ref('base_hubspot__contact_leads') }}

),

final as (

    select
        contact_leads.lead_id,
        {{ vendor_column(landed, t, 'property_email', dbt.type_string()) }} as email,
        {{ vendor_column(landed, t, 'property_jobtitle', dbt.type_string()) }} as job_title,
        {{ vendor_column(landed, t, 'property_company', dbt.type_string()) }} as company_name,
        {{ vendor_column(landed, t, 'property_industry', dbt.type_string()) }} as industry,
        {{ first_integer(vendor_column(landed, t, 'property_numemployees')) }} as employee_count,
        {{ vendor_column(landed, t, 'property_country', dbt.type_string()) }} as country,
        coalesce(
            {{ url_parameter('contacts.first_url', 'utm_source') }},
            {{ vendor_column(landed, t, 'property_hs_analytics_source_data_1', dbt.type_string()) }}
        ) as original_utm_source,
        coalesce({{ url_parameter('contacts.first_url', 'utm_medium') }}, analytics_sources.utm_medium) as original_utm_medium,
        {{ url_host(vendor_column(landed, t, 'property_hs_analytics_first_referrer', dbt.type_string())) }} as original_referrer_host,
        {{ vendor_timestamp(landed, t, 'property_createdate') }} as created_at,
        {{ vendor_timestamp(landed, t, 'property_lastmodifieddate') }} as updated_at,
        {{ vendor_column(landed, t, '_fivetran_deleted', dbt.type_boolean()) }} as is_deleted
        {{- passthrough_columns('contacts') }},
        '{{ t }}' as source_table,
        contacts.contact_id as source_row_key,
        contacts.source_row_number,
        cast(null as {{ dbt.type_string() }}) as unmapped_reason
    from contacts
    left join contact_leads
        on contacts.contact_id = contact_leads.contact_id
    left join {{ ref('stg_seeds__hubspot_analytics_sources') }} as analytics_sources
        on contacts.analytics_source = analytics_sources.analytics_source

)

select * from final
