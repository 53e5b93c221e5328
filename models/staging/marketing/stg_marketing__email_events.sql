{%- set source_relation = source('marketing', 'email_events') %}
with source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        {{ clean_id('email_event_id') }} as email_event_id,
        {{ clean_id('lead_id') }} as lead_id,
        campaign_id,
        {{ normalize_text('event_type') }} as event_type,
        {{ utc_timestamp(source_relation, 'occurred_at') }} as occurred_at
    from source

)

select * from renamed
