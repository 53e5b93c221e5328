{#- One row per MQL: when its running score first reached nurture_floor
    (nurture_started_at, from int_leads__nurture_entries) and whether it is a
    recycled MQL, one that sat in nurture at least recycled_min_nurture_days
    days (to the second) before crossing the MQL threshold, or a first-pass
    MQL. -#}
with leads as (

    select * from {{ ref('dim_leads') }}

),

mqls as (

    select
        leads.lead_id,
        leads.channel,
        {{ month_of('leads.mql_at') }} as mql_month,
        nurture_entries.nurture_started_at,
        leads.mql_at,
        leads.sql_at
    from leads
    left join {{ ref('int_leads__nurture_entries') }} as nurture_entries
        on leads.lead_id = nurture_entries.lead_id
    where leads.is_mql

),

final as (

    select
        lead_id,
        channel,
        mql_month,
        nurture_started_at,
        mql_at,
        {{ seconds_between('nurture_started_at', 'mql_at') }} / 86400.0 as days_in_nurture_before_mql,
        coalesce(
            mql_at >= {{ dbt.dateadd('day', var('recycled_min_nurture_days'), 'nurture_started_at') }},
            false
        ) as is_recycled,
        sql_at is not null as is_sql
    from mqls

)

select * from final
