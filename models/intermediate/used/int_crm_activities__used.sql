{#- The used rows of raw.crm_activities (contract section 5): valid, first of
    their key, naming a live lead where they name one. -#}
with final as (

    select
        activity_id,
        lead_id,
        activity_type,
        occurred_at,
        rep_id
    from {{ ref('int_audit__crm_activities') }}
    where row_bucket = 'used'

)

select * from final
