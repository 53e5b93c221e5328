with source as (

    select * from {{ source('marketing', 'email_events') }}

),

renamed as (

    select
        {{ clean_id('email_event_id') }} as email_event_id,
        {{ clean_id('lead_id') }} as lead_id,
        campaign_id,
        {{ normalize_text('event_type') }} as event_type,
        cast(occurred_at as timestamp) as occurred_at
    from source

)

select * from renamed
