{#- The used rows of raw.crm_lead_status_changes (contract section 5): valid,
    first of their key, naming a live lead where they name one. -#}
with final as (

    select
        status_change_id,
        lead_id,
        new_status,
        changed_at,
        changed_by
    from {{ ref('int_audit__crm_lead_status_changes') }}
    where row_bucket = 'used'

)

select * from final
