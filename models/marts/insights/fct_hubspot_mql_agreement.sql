{#- Our MQLs against HubSpot's (crm_source hubspot): one row per agreement
    class (both, ours_only, hubspot_only, neither) with its leads, its
    share of the leads either side calls an MQL, and for leads both call
    one the lag of our mql_at after HubSpot's date (hours; negative: ours
    came first). The first question of a team leaving HubSpot scoring. -#}
{{ config(enabled=var('crm_source') == 'hubspot') }}
with comparison as (

    select * from {{ ref('int_leads__hubspot_mql_comparison') }}

),

{{ agreement_classes('comparison', 'share_of_mqls') }}

select * from final
