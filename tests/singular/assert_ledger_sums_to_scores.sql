-- The ledger explains each score: per lead, its points sum to dim_leads.
with ledger as (

    select
        lead_id,
        sum(case when category = 'fit' then points else 0 end) as fit_score,
        sum(case when category = 'engagement' then points else 0 end) as engagement_score
    from {{ ref('fct_lead_score_events') }}
    group by lead_id

)

select dim_leads.lead_id
from {{ ref('dim_leads') }} as dim_leads
left join ledger
    on dim_leads.lead_id = ledger.lead_id
where
    dim_leads.fit_score <> coalesce(ledger.fit_score, 0)
    or dim_leads.engagement_score <> coalesce(ledger.engagement_score, 0)
