{#- One row per MQL, as sales receives it: when it crossed the threshold,
    its channel, its fit and engagement scores at that instant, the rules
    that fired at that instant and carried it over (the score ledger), the
    SLA due time (mql_at + sla_minutes) and the SLA status as of the build's
    start: met (first contact within sla_minutes), missed (contacted later,
    or not contacted and past due) or open (not contacted, not yet due). -#}
with leads as (

    select * from {{ ref('dim_leads') }}

),

running_scores as (

    select * from {{ ref('int_leads__running_scores') }}

),

score_events as (

    select * from {{ ref('int_leads__score_events') }}

),

mqls as (

    select
        lead_id,
        mql_at,
        channel,
        {{ sla_due_at('mql_at') }} as sla_due_at,
        first_contact_at,
        minutes_to_first_contact
    from leads
    where is_mql

),

scores_at_mql as (

    select
        mqls.lead_id,
        running_scores.running_fit_score as fit_score,
        running_scores.running_engagement_score as engagement_score,
        running_scores.running_score as lead_score
    from mqls
    inner join running_scores
        on
            mqls.lead_id = running_scores.lead_id
            and mqls.mql_at = running_scores.effective_at

),

crossing_rules as (

    select
        mqls.lead_id,
        {{ sorted_text_list('score_events.rule_id') }} as crossing_rule_ids
    from mqls
    inner join score_events
        on
            mqls.lead_id = score_events.lead_id
            and mqls.mql_at = score_events.effective_at
    group by mqls.lead_id

),

final as (

    select
        mqls.lead_id,
        mqls.mql_at,
        mqls.channel,
        scores_at_mql.fit_score,
        scores_at_mql.engagement_score,
        scores_at_mql.lead_score,
        crossing_rules.crossing_rule_ids,
        mqls.sla_due_at,
        mqls.first_contact_at,
        case
            when {{ is_within_sla('mqls.minutes_to_first_contact') }} then 'met'
            when mqls.first_contact_at is not null then 'missed'
            when mqls.sla_due_at < {{ build_started_at() }} then 'missed'
            else 'open'
        end as sla_status,
        {{ build_started_at() }} as status_as_of
    from mqls
    inner join scores_at_mql
        on mqls.lead_id = scores_at_mql.lead_id
    left join crossing_rules
        on mqls.lead_id = crossing_rules.lead_id

)

select * from final
