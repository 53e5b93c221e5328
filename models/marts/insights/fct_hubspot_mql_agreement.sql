{#- Our MQLs against HubSpot's (crm_source hubspot): one row per agreement
    class (both, ours_only, hubspot_only, neither) with its leads, its
    share of the leads either side calls an MQL, and for leads both call
    one the lag of our mql_at after HubSpot's date (hours; negative: ours
    came first). The first question of a team leaving HubSpot scoring. -#}
{{ config(enabled=var('crm_source') == 'hubspot') }}
with comparison as (

    select * from {{ ref('int_leads__hubspot_mql_comparison') }}

),

classes as (

    select
        agreement,
        count(*) as leads,
        {{ median_of('lag_hours') }} as median_lag_hours,
        min(lag_hours) as min_lag_hours,
        max(lag_hours) as max_lag_hours,
        sum(case when lag_hours between -24 and 24 then 1 else 0 end) as within_a_day_leads
    from comparison
    group by agreement

),

final as (

    select
        agreement,
        cast(leads as {{ dbt.type_bigint() }}) as leads,
        case
            when agreement = 'neither' then null
            else {{ safe_divide('leads', "sum(case when agreement <> 'neither' then leads else 0 end) over ()") }}
        end as share_of_mqls,
        cast(median_lag_hours as {{ type_double() }}) as median_lag_hours,
        cast(min_lag_hours as {{ type_double() }}) as min_lag_hours,
        cast(max_lag_hours as {{ type_double() }}) as max_lag_hours,
        cast(within_a_day_leads as {{ dbt.type_bigint() }}) as within_a_day_leads
    from classes

)

select * from final
