{#- crm_activities from hubspot.engagement (contract section 7): one row per
    active sales-touch engagement (seed hubspot_sales_touch_types) and
    contact in engagement_contact; an engagement with no contact feeds no
    activity and is kept here as an orphan. -#}
{%- set t = 'hubspot.engagement' %}

with engagements as (

    select * from {{ ref('base_hubspot__engagement_contacts') }}
    where is_sales_touch

),

final as (

    select
        {{ dbt.concat(['engagement_id', "'-'", 'contact_id']) }} as activity_id,
        lead_id,
        lower(engagement_type) as activity_type,
        occurred_at,
        owner_id as rep_id,
        '{{ t }}' as source_table,
        engagement_id as source_row_key,
        source_row_number,
        case when contact_id is null then 'orphan' end as unmapped_reason
    from engagements

)

select * from final
