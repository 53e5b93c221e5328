{#- HubSpot's own opinion of when each contact became an MQL: its
    lifecycle-stage date property, for the cross-check with our mql_at
    (fct_hubspot_mql_agreement). Built only with var crm_source hubspot. -#}
{{ config(enabled=var('crm_source') == 'hubspot') }}
{%- set contacts = source('hubspot', 'contact') %}
{%- set landed = relation_column_types(contacts) %}
with source as (

    select
        {{ vendor_text(landed, 'hubspot.contact', 'id') }} as lead_id,
        {{ vendor_timestamp(landed, 'hubspot.contact', 'property_hs_lifecyclestage_marketingqualifiedlead_date') }} as hubspot_mql_at
    from {{ contacts }}

),

final as (

    select
        lead_id,
        min(hubspot_mql_at) as hubspot_mql_at
    from source
    where lead_id is not null
    group by lead_id

)

select * from final
