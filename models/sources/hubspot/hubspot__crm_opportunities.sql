{#- crm_opportunities from hubspot.deal (contract section 7): deals not
    deleted, with their stage's label and closed / won flags
    (deal_pipeline_stage) and, as their lead, the lowest contact id of the
    deal in deal_contact; a deal with no contact is an orphan. -#}
{%- set deals = source('hubspot', 'deal') %}
{%- set landed = relation_column_types(deals) %}
{%- set t = 'hubspot.deal' %}
{%- set stages = source('hubspot', 'deal_pipeline_stage') %}
{%- set stage_types = relation_column_types(stages) %}
{%- set links = source('hubspot', 'deal_contact') %}
{%- set link_types = relation_column_types(links) %}
with deals as (

    select
        {{ vendor_text(landed, t, 'deal_id') }} as deal_id,
        {{ vendor_text(landed, t, 'deal_pipeline_stage_id') }} as stage_id,
        {{ vendor_timestamp(landed, t, 'property_createdate') }} as created_at,
        {{ vendor_timestamp(landed, t, 'property_closedate') }} as close_date,
        {{ vendor_column(landed, t, 'property_amount', type_money()) }} as amount,
        {{ vendor_column_of_var(landed, t, 'hubspot_gross_margin_property', type_double()) }} as gross_margin_pct,
        {{ source_row_number(vendor_text(landed, t, 'deal_id')) }} as source_row_number
    from {{ deals }}
    where not coalesce({{ vendor_column(landed, t, 'is_deleted', dbt.type_boolean()) }}, false)

),

stage_rows as (

    select
        {{ vendor_text(stage_types, 'hubspot.deal_pipeline_stage', 'stage_id') }} as stage_id,
        {{ vendor_column(stage_types, 'hubspot.deal_pipeline_stage', 'label', dbt.type_string()) }} as label,
        {{ vendor_column(stage_types, 'hubspot.deal_pipeline_stage', 'is_closed', dbt.type_boolean()) }} as is_closed,
        {{ vendor_column(stage_types, 'hubspot.deal_pipeline_stage', 'closed_won', dbt.type_boolean()) }} as is_won,
        {{ vendor_column(stage_types, 'hubspot.deal_pipeline_stage', '_fivetran_deleted', dbt.type_boolean()) }} as is_deleted
    from {{ stages }}

),

stages as (

    {{ latest_versions('stage_rows', 'stage_id', ['not coalesce(is_deleted, false)'], ['stage_id', 'label', 'is_closed', 'is_won']) | indent(4) }}

),

deal_leads as (

    {#- The lowest contact by its landed value: numeric order for numeric ids. #}
    select
        deal_id,
        cast(min(contact_id) as {{ dbt.type_string() }}) as contact_id
    from (
        select
            {{ vendor_text(link_types, 'hubspot.deal_contact', 'deal_id') }} as deal_id,
            {{ vendor_column(link_types, 'hubspot.deal_contact', 'contact_id') }} as contact_id
        from {{ links }}
    ) as links
    where contact_id is not null
    group by deal_id

),

final as (

    select
        deals.deal_id as opportunity_id,
        coalesce(contact_leads.lead_id, {{ clean_id('deal_leads.contact_id') }}) as lead_id,
        deals.created_at,
        stages.label as stage,
        stages.is_closed,
        stages.is_won,
        case when stages.is_closed then deals.close_date end as closed_at,
        deals.amount,
        deals.gross_margin_pct,
        '{{ t }}' as source_table,
        deals.deal_id as source_row_key,
        deals.source_row_number,
        case when deal_leads.contact_id is null then 'orphan' end as unmapped_reason
    from deals
    left join stages
        on deals.stage_id = stages.stage_id
    left join deal_leads
        on deals.deal_id = deal_leads.deal_id
    left join {{ ref('base_hubspot__contact_leads') }} as contact_leads
        on {{ clean_id('deal_leads.contact_id') }} = contact_leads.contact_id

)

select * from final
