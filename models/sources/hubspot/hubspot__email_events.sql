{#- email_events from hubspot.email_event (contract section 7): the types of
    seed email_event_types, each found its lead by recipient (the contacts
    whose e-mail is the recipient: none is an orphan, several leads are an
    ambiguous_recipient); plus one reply per incoming-e-mail engagement and
    contact. -#}
{%- set events = source('hubspot', 'email_event') %}
{%- set landed = relation_column_types(events) %}
{%- set t = 'hubspot.email_event' %}
with events as (

    select
        {{ vendor_text(landed, t, 'id') }} as email_event_id,
        nullif({{ normalize_text(vendor_column(landed, t, 'recipient')) }}, '') as recipient_key,
        {{ vendor_text(landed, t, 'email_campaign_id') }} as campaign_id,
        {{ normalize_text(vendor_column(landed, t, 'type')) }} as vendor_event_type,
        {{ vendor_timestamp(landed, t, 'created') }} as occurred_at
    from {{ events }}

),

read_events as (

    select
        events.*,
        event_types.event_type,
        {{ source_row_number('events.email_event_id') }} as source_row_number
    from events
    inner join {{ ref('stg_seeds__email_event_types') }} as event_types
        on events.vendor_event_type = event_types.vendor_event_type

),

recipients as (

    select
        email_key,
        min(lead_id) as lead_id,
        count(distinct lead_id) as lead_count
    from {{ ref('base_hubspot__contact_leads') }}
    where email_key is not null
    group by email_key

),

marketing_emails as (

    select
        read_events.email_event_id,
        recipients.lead_id,
        read_events.campaign_id,
        read_events.event_type,
        read_events.occurred_at,
        '{{ t }}' as source_table,
        read_events.email_event_id as source_row_key,
        read_events.source_row_number,
        case
            when recipients.lead_count is null then 'orphan'
            when recipients.lead_count > 1 then 'ambiguous_recipient'
        end as unmapped_reason
    from read_events
    left join recipients
        on read_events.recipient_key = recipients.email_key

),

incoming_emails as (

    select
        {{ dbt.concat(["'engagement-'", 'engagement_id', "'-'", 'contact_id']) }} as email_event_id,
        lead_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        'reply' as event_type,
        occurred_at,
        'hubspot.engagement' as source_table,
        engagement_id as source_row_key,
        source_row_number,
        case when contact_id is null then 'orphan' end as unmapped_reason
    from {{ ref('base_hubspot__engagement_contacts') }}
    where engagement_type = 'INCOMING_EMAIL'

),

final as (

    select * from marketing_emails
    union all
    select * from incoming_emails

)

select * from final
