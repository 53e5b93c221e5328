{#- event_attendance from salesforce.campaign_member (contract section 7):
    members not deleted of campaigns whose type is in seed
    salesforce_attendance_campaign_types (the latest active campaign
    version); the lead is lead_id, else the lead that converted into the
    member's contact_id; a member with neither is an orphan. Members of
    other campaigns are not read. -#}
{%- set members = relation_or_empty(source('salesforce', 'campaign_member')) %}
{%- set landed = relation_column_types(members) %}
{%- set t = 'salesforce.campaign_member' %}
{%- set campaigns = relation_or_empty(source('salesforce', 'campaign')) %}
{%- set campaign_types = relation_column_types(campaigns) %}
with campaign_rows as (

    select
        {{ vendor_text(campaign_types, 'salesforce.campaign', 'id') }} as campaign_id,
        {{ normalize_text(vendor_column(campaign_types, 'salesforce.campaign', 'type', dbt.type_string())) }} as campaign_type,
        {{ vendor_timestamp(campaign_types, 'salesforce.campaign', 'last_modified_date') }} as updated_at
    from {{ campaigns }}
    where {{ salesforce_rows_read(campaign_types, 'salesforce.campaign') }}

),

campaigns as (

    {{ latest_versions('campaign_rows', 'campaign_id', ['updated_at'], ['campaign_id', 'campaign_type', 'updated_at']) | indent(4) }}

),

attendance_campaigns as (

    select campaigns.campaign_id
    from campaigns
    inner join {{ ref('stg_seeds__salesforce_attendance_campaign_types') }} as attendance_types
        on campaigns.campaign_type = attendance_types.campaign_type

),

members as (

    select
        {{ vendor_text(landed, t, 'id') }} as attendance_id,
        {{ vendor_text(landed, t, 'campaign_id') }} as event_id,
        {{ vendor_text(landed, t, 'lead_id') }} as member_lead_id,
        {{ vendor_text(landed, t, 'contact_id') }} as member_contact_id,
        {{ vendor_timestamp(landed, t, 'created_date') }} as registered_at,
        {{ vendor_column(landed, t, 'has_responded', dbt.type_boolean()) }} as attended,
        {{ salesforce_date_midnight(landed, t, 'first_responded_date') }} as attended_at,
        {{ source_row_number(vendor_text(landed, t, 'id')) }} as source_row_number
    from {{ members }}
    where {{ salesforce_rows_read(landed, t) }}

),

contact_leads as (

    select
        person_id as contact_id,
        lead_id
    from {{ ref('base_salesforce__lead_people') }}
    where person_kind = 'contact'

),

final as (

    select
        members.attendance_id,
        members.event_id,
        coalesce(members.member_lead_id, contact_leads.lead_id) as lead_id,
        members.registered_at,
        members.attended,
        members.attended_at,
        '{{ t }}' as source_table,
        members.attendance_id as source_row_key,
        members.source_row_number,
        case when coalesce(members.member_lead_id, contact_leads.lead_id) is null then 'orphan' end as unmapped_reason
    from members
    inner join attendance_campaigns
        on members.event_id = attendance_campaigns.campaign_id
    left join contact_leads
        on members.member_contact_id = contact_leads.contact_id

)

select * from final
