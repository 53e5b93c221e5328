{#- crm_activities from salesforce.task and salesforce.event (contract
    section 7): tasks and events not deleted whose who_id is a lead or the
    contact a lead converted into (base_salesforce__lead_people); any other
    who_id is an orphan, kept here for the audit. -#}
{#- Each activity table: the column of its time and the type it defaults to. -#}
{%- set activity_tables = {'task': 'created_date', 'event': 'start_date_time'} %}
with
{%- for table_name, time_column in activity_tables.items() %}
{%- set relation = source('salesforce', table_name) %}
{%- set landed = relation_column_types(relation) %}
{%- set t = 'salesforce.' ~ table_name %}
{{ table_name }}_rows as (

    select
        {{ vendor_text(landed, t, 'id') }} as activity_id,
        {{ vendor_text(landed, t, 'who_id') }} as who_id,
        coalesce(nullif(trim({{ vendor_column(landed, t, 'type', dbt.type_string()) }}), ''), '{{ table_name }}') as activity_type,
        {{ vendor_timestamp(landed, t, time_column) }} as occurred_at,
        {{ vendor_text(landed, t, 'owner_id') }} as rep_id,
        '{{ t }}' as source_table,
        {{ source_row_number(vendor_text(landed, t, 'id')) }} as source_row_number
    from {{ relation }}
    where {{ salesforce_rows_read(landed, t) }}

),
{%- endfor %}

activities as (

    {%- for table_name in activity_tables %}
    select * from {{ table_name }}_rows
    {{- "\n    union all" if not loop.last }}
    {%- endfor %}

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
