{#- Our SQLs against Salesforce's status history (crm_source salesforce):
    one row per agreement class (both, ours_only, salesforce_only, neither)
    with its leads, its share of the leads either side calls accepted, and
    for leads both call accepted the lag of our sql_at after Salesforce's
    first accepted status (hours). salesforce_only is mostly leads sales
    accepted that never became an MQL, or did so after the acceptance. -#}
{{ config(enabled=var('crm_source') == 'salesforce') }}
with comparison as (

    select * from {{ ref('int_leads__salesforce_sql_comparison') }}

),

{{ agreement_classes('comparison', 'share_of_accepted') }}

select * from final
