{#- Salesforce's own opinion of when each lead was accepted by sales: the
    first lead_history Status change the adapter maps to sales_accepted, as
    landed (no plausibility or ordering rule of staging), for the
    cross-check with our sql_at (fct_salesforce_sql_agreement). Built only
    with var crm_source salesforce. -#}
{{ config(enabled=var('crm_source') == 'salesforce') }}
with status_changes as (

    select * from {{ ref('salesforce__crm_lead_status_changes') }}
    where new_status = '{{ var("sales_accepted_status") }}'

),

final as (

    select
        lead_id,
        min(changed_at) as salesforce_accepted_at
    from status_changes
    where lead_id is not null
    group by lead_id

)

select * from final
