{#- Near-threshold leads to nurture: every live lead in stage nurture (not
    disqualified, not an MQL, lead_score >= nurture_floor), with what it
    still needs to become an MQL: points up to mql_threshold and engagement
    points up to min_engagement_points (a lead can hold the threshold score
    on fit alone and still lack engagement). -#}
with leads as (

    select * from {{ ref('dim_leads') }}

),

final as (

    select
        leads.lead_id,
        leads.channel,
        leads.created_at,
        nurture_entries.nurture_started_at,
        leads.fit_score,
        leads.engagement_score,
        leads.lead_score,
        greatest({{ var('mql_threshold') }} - leads.lead_score, 0) as points_to_mql_threshold,
        greatest({{ var('min_engagement_points') }} - leads.engagement_score, 0) as engagement_points_needed
    from leads
    left join {{ ref('int_leads__nurture_entries') }} as nurture_entries
        on leads.lead_id = nurture_entries.lead_id
    where leads.lead_stage = 'nurture'

)

select * from final
