{#- The funnel's rate columns (contract section 4), from count columns of
    the same names; NULL where the denominator is 0. -#}
{% macro funnel_rates(relation_alias=none) -%}
    {%- set p = (relation_alias ~ '.') if relation_alias else '' -%}
    {%- set rates = [
        ['visitor_to_mql_rate', 'mqls', 'visitors'],
        ['attendee_to_mql_rate', 'mqls', 'attendees'],
        ['mql_to_sql_rate', 'sqls', 'mqls'],
        ['sql_to_opportunity_rate', 'opportunities', 'sqls'],
        ['opportunity_to_customer_rate', 'customers', 'opportunities'],
        ['mql_to_customer_rate', 'customers', 'mqls'],
        ['cost_per_mql', 'spend', 'mqls'],
        ['cost_per_customer', 'spend', 'customers'],
    ] -%}
    {%- for rate in rates %}
    {{ safe_divide(p ~ rate[1], p ~ rate[2]) }} as {{ rate[0] }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- The type of a funnel measure: money for revenue and spend, else a count. -#}
{% macro funnel_measure_type(measure) -%}
    {{ type_money() if measure in ('revenue', 'spend') else dbt.type_bigint() }}
{%- endmacro %}

{#- The funnel's count and amount columns, in mart order. -#}
{% macro funnel_measures() -%}
    {{ return(['visitors', 'attendees', 'leads', 'mqls', 'sqls', 'opportunities', 'customers', 'revenue', 'spend']) }}
{%- endmacro %}

{#- MQLs that sales reviews but that never become SQLs: MQLs - SQLs. -#}
{% macro wasted_review_leads(mqls, mql_to_sql_rate) -%}
    ({{ mqls }} - {{ mqls }} * {{ mql_to_sql_rate }})
{%- endmacro %}

{#- Sales time spent on those leads, in hours. -#}
{% macro wasted_review_hours(mqls, mql_to_sql_rate, minutes_per_lead=var('minutes_per_lead_review')) -%}
    {{ wasted_review_leads(mqls, mql_to_sql_rate) }} * {{ minutes_per_lead }} / 60.0
{%- endmacro %}

{#- MQLs needed to close a target number of deals at the given close rate
    (customers per SQL) and MQL-to-SQL rate. -#}
{% macro mqls_needed(target_deals, close_rate, mql_to_sql_rate) -%}
    {{ target_deals }} / ({{ close_rate }} * {{ mql_to_sql_rate }})
{%- endmacro %}
