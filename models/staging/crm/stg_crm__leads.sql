{%- set source_relation = section2_relation('crm', 'crm_leads') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('lead_id') }} as lead_id,
        nullif({{ normalize_text('email') }}, '') as email,
        job_title,
        {{ normalize_words('job_title') }} as job_title_words,
        company_name,
        {{ normalize_text('industry') }} as industry,
        cast(employee_count as integer) as employee_count,
        upper(trim(coalesce(country, ''))) as country_code,
        {{ normalize_text('original_utm_source') }} as utm_source,
        {{ normalize_text('original_utm_medium') }} as utm_medium,
        {{ normalize_text('original_referrer_host') }} as referrer_host,
        {{ utc_timestamp(landed_types, 'created_at') }} as created_at,
        {{ utc_timestamp(landed_types, 'updated_at') }} as updated_at,
        coalesce(cast(is_deleted as boolean), false) as is_deleted
    {{- passthrough_columns() }}
    {{- lineage_select('crm_leads') }}
    from source

)

select * from renamed
