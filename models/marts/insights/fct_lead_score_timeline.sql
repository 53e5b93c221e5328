{#- Each live lead's running score after every instant at which a rule took
    effect, read from the scoring ledger the way int_leads__scores reads it:
    rules sharing an instant count together. -#}
with score_events as (

    select * from {{ ref('fct_lead_score_events') }}

),

score_steps as (

    select
        lead_id,
        effective_at,
        count(*) as rules_fired,
        sum(points) as points_added,
        sum(case when category = 'fit' then points else 0 end) as fit_points_added,
        sum(case when category = 'engagement' then points else 0 end) as engagement_points_added
    from score_events
    group by lead_id, effective_at

),

running_scores as (

    select
        lead_id,
        effective_at,
        rules_fired,
        points_added,
        sum(fit_points_added) over (
            partition by lead_id
            order by effective_at
            rows between unbounded preceding and current row
        ) as running_fit_score,
        sum(engagement_points_added) over (
            partition by lead_id
            order by effective_at
            rows between unbounded preceding and current row
        ) as running_engagement_score,
        sum(points_added) over (
            partition by lead_id
            order by effective_at
            rows between unbounded preceding and current row
        ) as running_score
    from score_steps

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
