with score_events as (

    select * from {{ ref('int_leads__score_events') }}

),

final as (

    select
        lead_id,
        rule_id,
        category,
        points,
        occurred_at,
        effective_at
    from score_events

)

select * from final
