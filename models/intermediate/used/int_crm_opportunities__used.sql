{#- The used rows of raw.crm_opportunities (contract section 5): valid, first
    of their key, naming a live lead where they name one. -#}
with final as (

    select
        opportunity_id,
        lead_id,
        created_at,
        stage,
        is_closed,
        is_won,
        closed_at,
        amount,
        gross_margin_pct
    from {{ ref('int_audit__crm_opportunities') }}
    where row_bucket = 'used'

)

select * from final
