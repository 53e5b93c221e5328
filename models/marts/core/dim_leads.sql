{#- The contract (columns and types, _core__models.yml) is enforced on the
    contract's columns; extra raw.crm_leads columns a team passes through
    (var crm_leads_passthrough_columns) make the shape the team's own, so
    the contract is then not enforced. -#}
{{ config(contract={'enforced': not var('crm_leads_passthrough_columns')}) }}

with leads as (

    select * from {{ ref('int_leads__enriched') }}

),

scores as (

    select * from {{ ref('int_leads__scores') }}

),

milestones as (

    select * from {{ ref('int_leads__milestones') }}

),

final as (

    select
        leads.lead_id,
        leads.email_domain,
        leads.channel,
        leads.created_at,
        scores.fit_score,
        scores.engagement_score,
        scores.lead_score,
        case
            when leads.disqualification_reason is not null then 'disqualified'
            when scores.mql_at is not null then 'mql'
            when scores.lead_score >= {{ var('nurture_floor') }} then 'nurture'
            else 'lead'
        end as lead_stage,
        leads.disqualification_reason,
        scores.mql_at is not null as is_mql,
        scores.mql_at,
        milestones.sql_at,
        milestones.opportunity_at,
        milestones.closed_won_at,
        milestones.won_amount,
        milestones.first_contact_at,
        milestones.minutes_to_first_contact
    {{- passthrough_columns('leads') }}
    from leads
    inner join scores
        on leads.lead_id = scores.lead_id
    left join milestones
        on leads.lead_id = milestones.lead_id

)

select * from final
