{#- The active engagements HubSpot adapters read (sales touches and incoming
    e-mails), one row per engagement row and contact (engagement_contact),
    or one row without a contact when it has none. -#}
{%- set engagements = source('hubspot', 'engagement') %}
{%- set landed = relation_column_types(engagements) %}
{%- set links = source('hubspot', 'engagement_contact') %}
{%- set link_types = relation_column_types(links) %}
{%- set t = 'hubspot.engagement' %}
with engagements as (

    select
        {{ vendor_text(landed, t, 'id') }} as engagement_id,
        upper(trim({{ vendor_column(landed, t, 'type', dbt.type_string()) }})) as engagement_type,
        {{ vendor_timestamp(landed, t, 'timestamp') }} as occurred_at,
        {{ vendor_text(landed, t, 'owner_id') }} as owner_id,
        {{ vendor_column(landed, t, 'active', dbt.type_boolean()) }} as is_active
    from {{ engagements }}

),

read_engagements as (

    select
        engagements.*,
        sales_touch_types.engagement_type is not null as is_sales_touch,
        {{ source_row_number('engagements.engagement_id') }} as source_row_number
    from engagements
    left join {{ ref('stg_seeds__hubspot_sales_touch_types') }} as sales_touch_types
        on lower(engagements.engagement_type) = sales_touch_types.engagement_type
    where
        coalesce(engagements.is_active, true)
        and (sales_touch_types.engagement_type is not null or engagements.engagement_type = 'INCOMING_EMAIL')

),

engagement_contacts as (

    select distinct
        {{ vendor_text(link_types, 'hubspot.engagement_contact', 'engagement_id') }} as engagement_id,
        {{ vendor_text(link_types, 'hubspot.engagement_contact', 'contact_id') }} as contact_id
    from {{ links }}

),

final as (

    select
        read_engagements.engagement_id,
        read_engagements.source_row_number,
        read_engagements.engagement_type,
        read_engagements.is_sales_touch,
        read_engagements.occurred_at,
        read_engagements.owner_id,
        engagement_contacts.contact_id,
        coalesce(contact_leads.lead_id, engagement_contacts.contact_id) as lead_id
    from read_engagements
    left join engagement_contacts
        on read_engagements.engagement_id = engagement_contacts.engagement_id
        and engagement_contacts.contact_id is not null
    left join {{ ref('base_hubspot__contact_leads') }} as contact_leads
        on engagement_contacts.contact_id = contact_leads.contact_id

)

select * from final
