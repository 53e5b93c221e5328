{#- One row per lead whose running score ever reached nurture_floor, with
    nurture_started_at: the first effective_at at which it did. The nurture
    marts (fct_nurture_candidates, fct_mql_nurture_paths) read it. -#}
with running_scores as (

    select
        lead_id,
        effective_at,
        running_score
    from {{ ref('int_leads__running_scores') }}

),

final as (

    select
        lead_id,
        min(effective_at) as nurture_started_at
    from running_scores
    where running_score >= {{ var('nurture_floor') }}
    group by lead_id

)

select * from final
