{#- Each live lead's sql_at next to Salesforce's first accepted status,
    with which side calls it accepted and the lag between them. Built only
    with var crm_source salesforce. -#}
{{ config(enabled=var('crm_source') == 'salesforce') }}
with scores as (

    select * from {{ ref('int_leads__scores') }}

),

milestones as (

    select * from {{ ref('int_leads__milestones') }}

),

salesforce_acceptances as (

    select * from {{ ref('stg_salesforce__lead_first_acceptances') }}

),

final as (

    select
        scores.lead_id,
        milestones.sql_at,
        salesforce_acceptances.salesforce_accepted_at,
        case
            when milestones.sql_at is not null and salesforce_acceptances.salesforce_accepted_at is not null then 'both'
            when milestones.sql_at is not null then 'ours_only'
            when salesforce_acceptances.salesforce_accepted_at is not null then 'salesforce_only'
            else 'neither'
        end as agreement,
        {{ seconds_between('salesforce_acceptances.salesforce_accepted_at', 'milestones.sql_at') }} / 3600.0 as lag_hours
    from scores
    left join milestones
        on scores.lead_id = milestones.lead_id
    left join salesforce_acceptances
        on scores.lead_id = salesforce_acceptances.lead_id

)

select * from final
