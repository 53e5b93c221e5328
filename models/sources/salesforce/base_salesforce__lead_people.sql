{#- Every Salesforce id that names a lead, with the lead it names: a lead
    id names itself, the converted_contact_id of a converted lead names that
    lead (the lowest lead id when several leads converted into one contact),
    and likewise its converted_opportunity_id. Activities, opportunities and
    campaign members find their lead through this model, so a lead keeps
    its activities after conversion. Every active lead version is read,
    deleted leads included (staging marks them deleted). -#}
{%- set leads = source('salesforce', 'lead') %}
{%- set landed = relation_column_types(leads) %}
{%- set t = 'salesforce.lead' %}
with leads as (

    select
        {{ vendor_text(landed, t, 'id') }} as lead_id,
        {{ vendor_text(landed, t, 'converted_contact_id') }} as converted_contact_id,
        {{ vendor_text(landed, t, 'converted_opportunity_id') }} as converted_opportunity_id
    from {{ leads }}
    where {{ salesforce_rows_read(landed, t, with_deleted=true) }}

),

lead_ids as (

    select distinct
        lead_id as person_id,
        'lead' as person_kind,
        lead_id
    from leads
    where lead_id is not null

),

converted_contacts as (

    select
        converted_contact_id as person_id,
        'contact' as person_kind,
        min(lead_id) as lead_id
    from leads
    where converted_contact_id is not null and lead_id is not null
    group by converted_contact_id

),

converted_opportunities as (

    select
        converted_opportunity_id as person_id,
        'opportunity' as person_kind,
        min(lead_id) as lead_id
    from leads
    where converted_opportunity_id is not null and lead_id is not null
    group by converted_opportunity_id

),

final as (

    select * from lead_ids
    union all
    select * from converted_contacts
    union all
    select * from converted_opportunities

)

select * from final
