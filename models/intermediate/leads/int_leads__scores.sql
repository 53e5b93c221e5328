{#- Each live lead's scores and mql_at: the earliest effective_at at which the
    rules effective so far reach mql_threshold with at least
    min_engagement_points of engagement (int_leads__running_scores, where
    rules sharing an instant count together, so a tie at the crossing
    instant crosses at that instant). -#}
{{ lead_keyed_config() }}
-- depends_on: {{ ref('int_leads__changed') }}

with leads as (

    select
        lead_id,
        disqualification_reason
    from {{ ref('int_leads__enriched') }}
    {{ only_changed_leads() }}

),

running_scores as (

    select
        lead_id,
        effective_at,
        fit_points_added,
        engagement_points_added,
        running_score,
        running_engagement_score
    from {{ ref('int_leads__running_scores') }}
    {{ only_changed_leads() }}

),

threshold_crossings as (

    select
        lead_id,
        min(effective_at) as crossed_at
    from running_scores
    where
        running_score >= {{ var('mql_threshold') }}
        and running_engagement_score >= {{ var('min_engagement_points') }}
    group by lead_id

),

score_totals as (

    select
        lead_id,
        sum(fit_points_added) as fit_score,
        sum(engagement_points_added) as engagement_score,
        sum(fit_points_added + engagement_points_added) as lead_score
    from running_scores
    group by lead_id

),

final as (

    select
        leads.lead_id,
        cast(coalesce(score_totals.fit_score, 0) as integer) as fit_score,
        cast(coalesce(score_totals.engagement_score, 0) as integer) as engagement_score,
        cast(coalesce(score_totals.lead_score, 0) as integer) as lead_score,
        case
            when leads.disqualification_reason is null then threshold_crossings.crossed_at
        end as mql_at
    from leads
    left join score_totals
        on leads.lead_id = score_totals.lead_id
    left join threshold_crossings
        on leads.lead_id = threshold_crossings.lead_id

)

select * from final
