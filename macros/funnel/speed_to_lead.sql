{#- Speed to lead (var sla_minutes): an MQL is contacted within the SLA when
    its first contact came at most sla_minutes after mql_at (inclusive). The
    one statement of the rule: fct_speed_to_lead and fct_mql_handoffs. -#}
{% macro is_within_sla(minutes_to_first_contact) -%}
    ({{ minutes_to_first_contact }} <= {{ number_var('sla_minutes') }})
{%- endmacro %}

{#- mql_at + sla_minutes, to the millisecond. (dbt-spark's dateadd gets
    milliseconds wrong, so Spark adds them to the epoch milliseconds.) -#}
{% macro sla_due_at(mql_at) -%}
    {{ return(adapter.dispatch('sla_due_at', 'mql_funnel')(mql_at, (number_var('sla_minutes') * 60000) | round | int)) }}
{%- endmacro %}

{% macro default__sla_due_at(mql_at, milliseconds) -%}
    {{ dbt.dateadd('millisecond', milliseconds, mql_at) }}
{%- endmacro %}

{% macro spark__sla_due_at(mql_at, milliseconds) -%}
    timestamp_millis(unix_millis({{ mql_at }}) + {{ milliseconds }})
{%- endmacro %}
