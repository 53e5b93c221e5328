{#- Each live lead's running score after every instant at which a rule took
    effect, read from the scoring ledger with the macro int_leads__scores
    uses (running_scores): rules sharing an instant count together. -#}
with score_events as (

    select * from {{ ref('fct_lead_score_events') }}

),

running_scores as (

    {{ running_scores('score_events') | indent(4) }}

),

final as (

    select
        lead_id,
        effective_at,
        rules_fired,
        points_added,
        running_fit_score,
        running_engagement_score,
        running_score
    from running_scores

)

select * from final
