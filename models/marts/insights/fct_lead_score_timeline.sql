{#- Each live lead's running score after every instant at which a rule took
    effect (int_leads__running_scores): rules sharing an instant count
    together. -#}
with running_scores as (

    select * from {{ ref('int_leads__running_scores') }}

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
