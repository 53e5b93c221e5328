{#- Each live lead's mql_at next to HubSpot's own MQL date, with which side
    calls it an MQL and the lag between them. Built only with var
    crm_source hubspot. -#}
{{ config(enabled=var('crm_source') == 'hubspot') }}
with scores as (

    select * from {{ ref('int_leads__scores') }}

),

hubspot_dates as (

    select * from {{ ref('stg_hubspot__contact_mql_dates') }}

),

final as (

    select
        scores.lead_id,
        scores.mql_at,
        hubspot_dates.hubspot_mql_at,
        case
            when scores.mql_at is not null and hubspot_dates.hubspot_mql_at is not null then 'both'
            when scores.mql_at is not null then 'ours_only'
            when hubspot_dates.hubspot_mql_at is not null then 'hubspot_only'
            else 'neither'
        end as agreement,
        {{ seconds_between('hubspot_dates.hubspot_mql_at', 'scores.mql_at') }} / 3600.0 as lag_hours
    from scores
    left join hubspot_dates
        on scores.lead_id = hubspot_dates.lead_id

)

select * from final
