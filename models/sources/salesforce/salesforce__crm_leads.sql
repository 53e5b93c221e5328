{#- crm_leads from salesforce.lead (contract section 7): one row per active
    lead row. Original utm source / medium / referrer from the lead fields
    the vars name; where a utm field is empty, the medium comes from seed
    salesforce_lead_sources by lead_source (a value not in the seed: other)
    and the source is the lead_source itself. -#}
{%- set leads = source('salesforce', 'lead') %}
{%- set landed = relation_column_types(leads) %}
{%- set t = 'salesforce.lead' %}
with leads as (

    select
        leads.*,
        {{ vendor_text(landed, t, 'id') }} as salesforce_lead_id,
        nullif(trim({{ vendor_column_of_var(landed, t, 'salesforce_utm_source_field', dbt.type_string()) }}), '') as utm_source_field,
        nullif(trim({{ vendor_column_of_var(landed, t, 'salesforce_utm_medium_field', dbt.type_string()) }}), '') as utm_medium_field,
        nullif(trim({{ vendor_column(landed, t, 'lead_source', dbt.type_string()) }}), '') as lead_source_value,
        {{ source_row_number(vendor_text(landed, t, 'id')) }} as source_row_number
    from {{ leads }} as leads
    where {{ salesforce_rows_read(landed, t, with_deleted=true) }}

),

lead_sources as (

    select * from {{ ref('stg_seeds__salesforce_lead_sources') }}

),

final as (

    select
        leads.salesforce_lead_id as lead_id,
        {{ vendor_column(landed, t, 'email', dbt.type_string()) }} as email,
        {{ vendor_column(landed, t, 'title', dbt.type_string()) }} as job_title,
        {{ vendor_column(landed, t, 'company', dbt.type_string()) }} as company_name,
        {{ vendor_column(landed, t, 'industry', dbt.type_string()) }} as industry,
        {{ vendor_column(landed, t, 'number_of_employees', dbt.type_int()) }} as employee_count,
        coalesce(
            nullif(trim({{ vendor_column(landed, t, 'country_code', dbt.type_string()) }}), ''),
            {{ vendor_column(landed, t, 'country', dbt.type_string()) }}
        ) as country,
        coalesce(leads.utm_source_field, leads.lead_source_value) as original_utm_source,
        case
            when leads.utm_medium_field is not null then leads.utm_medium_field
            when lead_sources.lead_source is not null then lead_sources.utm_medium
            when leads.lead_source_value is not null then 'other'
        end as original_utm_medium,
        {{ url_host(vendor_column_of_var(landed, t, 'salesforce_referrer_field', dbt.type_string())) }} as original_referrer_host,
        {{ vendor_timestamp(landed, t, 'created_date') }} as created_at,
        {{ vendor_timestamp(landed, t, 'last_modified_date') }} as updated_at,
        {{ vendor_column(landed, t, 'is_deleted', dbt.type_boolean()) }} as is_deleted
        {{- passthrough_columns('leads') }},
        '{{ t }}' as source_table,
        leads.salesforce_lead_id as source_row_key,
        leads.source_row_number,
        cast(null as {{ dbt.type_string() }}) as unmapped_reason
    from leads
    left join lead_sources
        on {{ normalize_text('leads.lead_source_value') }} = lead_sources.lead_source

)

select * from final
