{%- set source_relation = section2_relation('marketing', 'program_costs') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ month_of(utc_timestamp(landed_types, 'cost_month')) }} as cost_month,
        {{ normalize_text('channel') }} as channel,
        {{ finite_or_null('cost', type_money()) }} as cost,
        {{ is_non_finite('cost') }} as cost_is_non_finite
    {{- lineage_select('program_costs') }}
    from source

)

select * from renamed
