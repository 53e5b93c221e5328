{#- crm_activities from salesforce.task and salesforce.event (contract
    section 7): tasks and events not deleted whose who_id is a lead or the
    contact a lead converted into (base_salesforce__lead_people); any other
    who_id is an orphan, kept here for the audit. -#}
{%- set tasks = source('salesforce', 'task') %}
{%- set task_types = relation_column_types(tasks) %}
{%- set events = source('salesforce', 'event') %}
{%- set event_types = relation_column_types(events) %}
with tasks as (

    select
        {{ vendor_text(task_types, 'salesforce.task', 'id') }} as activity_id,
        {{ vendor_text(task_types, 'salesforce.task', 'who_id') }} as who_id,
        coalesce(nullif(trim({{ vendor_column(task_types, 'salesforce.task', 'type', dbt.type_string()) }}), ''), 'task') as activity_type,
        {{ vendor_timestamp(task_types, 'salesforce.task', 'created_date') }} as occurred_at,
        {{ vendor_text(task_types, 'salesforce.task', 'owner_id') }} as rep_id,
        'salesforce.task' as source_table,
        {{ source_row_number(vendor_text(task_types, 'salesforce.task', 'id')) }} as source_row_number
    from {{ tasks }}
    where {{ salesforce_rows_read(task_types, 'salesforce.task') }}

),

events as (

    select
        {{ vendor_text(event_types, 'salesforce.event', 'id') }} as activity_id,
        {{ vendor_text(event_types, 'salesforce.event', 'who_id') }} as who_id,
        coalesce(nullif(trim({{ vendor_column(event_types, 'salesforce.event', 'type', dbt.type_string()) }}), ''), 'event') as activity_type,
        {{ vendor_timestamp(event_types, 'salesforce.event', 'start_date_time') }} as occurred_at,
        {{ vendor_text(event_types, 'salesforce.event', 'owner_id') }} as rep_id,
        'salesforce.event' as source_table,
        {{ source_row_number(vendor_text(event_types, 'salesforce.event', 'id')) }} as source_row_number
    from {{ events }}
    where {{ salesforce_rows_read(event_types, 'salesforce.event') }}

),

activities as (

    select * from tasks
    union all
    select * from events

),

people as (

    select
        person_id,
        min(lead_id) as lead_id
    from {{ ref('base_salesforce__lead_people') }}
    where person_kind in ('lead', 'contact')
    group by person_id

),

final as (

    select
        activities.activity_id,
        people.lead_id,
        activities.activity_type,
        activities.occurred_at,
        activities.rep_id,
        activities.source_table,
        activities.activity_id as source_row_key,
        activities.source_row_number,
        case when people.lead_id is null then 'orphan' end as unmapped_reason
    from activities
    left join people
        on activities.who_id = people.person_id

)

select * from final
