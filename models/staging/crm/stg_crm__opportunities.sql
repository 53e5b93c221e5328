{%- set source_relation = section2_relation('crm', 'crm_opportunities') %}
{%- set landed_types = relation_column_types(source_relation) %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('opportunity_id') }} as opportunity_id,
        {{ clean_id('lead_id') }} as lead_id,
        {{ utc_timestamp(landed_types, 'created_at') }} as created_at,
        {{ normalize_text('stage') }} as stage,
        coalesce(cast(is_closed as boolean), false) as is_closed,
        coalesce(cast(is_won as boolean), false) as is_won,
        {{ utc_timestamp(landed_types, 'closed_at') }} as closed_at,
        {{ finite_or_null('amount', type_money()) }} as amount,
        {{ is_non_finite('amount') }} as amount_is_non_finite,
        {{ finite_or_null('gross_margin_pct', type_double()) }} as gross_margin_pct,
        {{ is_non_finite('gross_margin_pct') }} as gross_margin_is_non_finite
    {{- lineage_select('crm_opportunities') }}
    from source

)

select * from renamed
