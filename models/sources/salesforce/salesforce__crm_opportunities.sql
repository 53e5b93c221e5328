{#- crm_opportunities from salesforce.opportunity (contract section 7):
    active opportunities not deleted. The lead is the lead that converted
    into the opportunity (converted_opportunity_id), else the lead that
    converted into its primary contact (opportunity_contact_role); an
    opportunity with neither is an orphan. closed_at is the close_date, at
    midnight, of a closed opportunity. -#}
{%- set opportunities = source('salesforce', 'opportunity') %}
{%- set landed = relation_column_types(opportunities) %}
{%- set t = 'salesforce.opportunity' %}
{%- set roles = relation_or_empty(source('salesforce', 'opportunity_contact_role')) %}
{%- set role_types = relation_column_types(roles) %}
with opportunities as (

    select
        {{ vendor_text(landed, t, 'id') }} as opportunity_id,
        {{ vendor_timestamp(landed, t, 'created_date') }} as created_at,
        {{ vendor_column(landed, t, 'stage_name', dbt.type_string()) }} as stage,
        {{ vendor_column(landed, t, 'is_closed', dbt.type_boolean()) }} as is_closed,
        {{ vendor_column(landed, t, 'is_won', dbt.type_boolean()) }} as is_won,
        {{ salesforce_date_midnight(landed, t, 'close_date') }} as close_date,
        {{ vendor_column(landed, t, 'amount', type_money()) }} as amount,
        {{ vendor_column_of_var(landed, t, 'salesforce_gross_margin_field', type_double()) }} as gross_margin_pct,
        {{ source_row_number(vendor_text(landed, t, 'id')) }} as source_row_number
    from {{ opportunities }}
    where {{ salesforce_rows_read(landed, t) }}

),

people as (

    select * from {{ ref('base_salesforce__lead_people') }}

),

converted_leads as (

    select
        person_id as opportunity_id,
        lead_id
    from people
    where person_kind = 'opportunity'

),

primary_contact_leads as (

    select
        roles.opportunity_id,
        min(people.lead_id) as lead_id
    from (
        select
            {{ vendor_text(role_types, 'salesforce.opportunity_contact_role', 'opportunity_id') }} as opportunity_id,
            {{ vendor_text(role_types, 'salesforce.opportunity_contact_role', 'contact_id') }} as contact_id
        from {{ roles }}
        where
            {{ salesforce_rows_read(role_types, 'salesforce.opportunity_contact_role') }}
            and coalesce({{ vendor_column(role_types, 'salesforce.opportunity_contact_role', 'is_primary', dbt.type_boolean()) }}, false)
    ) as roles
    inner join people
        on roles.contact_id = people.person_id
        and people.person_kind = 'contact'
    group by roles.opportunity_id

),

final as (

    select
        opportunities.opportunity_id,
        coalesce(converted_leads.lead_id, primary_contact_leads.lead_id) as lead_id,
        opportunities.created_at,
        opportunities.stage,
        opportunities.is_closed,
        opportunities.is_won,
        case when opportunities.is_closed then opportunities.close_date end as closed_at,
        opportunities.amount,
        opportunities.gross_margin_pct,
        '{{ t }}' as source_table,
        opportunities.opportunity_id as source_row_key,
        opportunities.source_row_number,
        case
            when coalesce(converted_leads.lead_id, primary_contact_leads.lead_id) is null then 'orphan'
        end as unmapped_reason
    from opportunities
    left join converted_leads
        on opportunities.opportunity_id = converted_leads.opportunity_id
    left join primary_contact_leads
        on opportunities.opportunity_id = primary_contact_leads.opportunity_id

)

select * from final
