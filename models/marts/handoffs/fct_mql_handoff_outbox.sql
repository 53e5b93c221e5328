{#- The durable MQL hand-off outbox a reverse-ETL job or webhook sender
    reads: every MQL of fct_mql_handoffs exactly once, appended by the first
    build that saw it, with that build's start as enqueued_at and a batch
    number one above the last. Append-only and never rebuilt (full_refresh
    false: a --full-refresh build keeps it), so an MQL once enqueued is
    never enqueued again, whatever later happens to the lead. The nightly
    and intraday runs publish the file that holds it atomically, so a run
    killed before its publish enqueued nothing (README, Hand-off). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    on_schema_change='fail',
) }}

with handoffs as (

    select * from {{ ref('fct_mql_handoffs') }}

),

{% if is_incremental() %}
enqueued as (

    select
        lead_id,
        handoff_batch
    from {{ this }}

),
{% endif %}

next_batch as (

    {% if is_incremental() -%}
        select coalesce(max(handoff_batch), 0) + 1 as handoff_batch
        from enqueued
    {%- else -%}
        select 1 as handoff_batch
    {%- endif %}

),

final as (

    select
        handoffs.lead_id,
        handoffs.mql_at,
        handoffs.channel,
        handoffs.fit_score,
        handoffs.engagement_score,
        handoffs.lead_score,
        handoffs.crossing_rule_ids,
        handoffs.sla_due_at,
        handoffs.first_contact_at,
        handoffs.sla_status,
        {{ build_started_at() }} as enqueued_at,
        cast(next_batch.handoff_batch as {{ dbt.type_bigint() }}) as handoff_batch
    from handoffs
    cross join next_batch
    {%- if is_incremental() %}
    left join enqueued
        on handoffs.lead_id = enqueued.lead_id
    where enqueued.lead_id is null
    {%- endif %}

)

select * from final
