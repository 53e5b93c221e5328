{%- set source_relation = section2_relation('marketing', 'form_submissions') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('submission_id') }} as submission_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ normalize_text('form_type') }} as form_type,
        {{ normalize_text('asset_type') }} as asset_type,
        {{ utc_timestamp(landed_types, 'submitted_at') }} as submitted_at
    {{- lineage_select('form_submissions') }}
    from source

)

select * from renamed
