-- Why is a lead (not) an MQL? Its ledger in time order with the running
-- score after each rule's instant (int_leads__running_scores: rules sharing
-- an instant count together), and the rows at which it crossed the threshold.
-- dbt compile --select lead_score_timeline --vars '{lead_id: L0000042}'
with score_events as (

    select
        lead_id,
        rule_id,
        category,
        points,
        occurred_at,
        effective_at
    from {{ ref('fct_lead_score_events') }}
    where lead_id = '{{ var("lead_id", "") }}'

),

running_scores as (

    select
        lead_id,
        effective_at,
        running_score
    from {{ ref('int_leads__running_scores') }}
    where lead_id = '{{ var("lead_id", "") }}'

),

running as (

    select
        score_events.lead_id,
        score_events.rule_id,
        score_events.category,
        score_events.points,
        score_events.occurred_at,
        score_events.effective_at,
        running_scores.running_score
    from score_events
    inner join running_scores
        on
            score_events.lead_id = running_scores.lead_id
            and score_events.effective_at = running_scores.effective_at

),

final as (

    select
        running.lead_id,
        running.rule_id,
        running.category,
        running.points,
        running.occurred_at,
        running.effective_at,
        running.running_score,
        dim_leads.mql_at = running.effective_at as is_crossing
    from running
    inner join {{ ref('dim_leads') }} as dim_leads
        on running.lead_id = dim_leads.lead_id

)

select * from final
order by effective_at, rule_id
