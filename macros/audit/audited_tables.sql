{#- Every raw table: its dbt source and the model that classifies its rows. -#}
{% macro audited_tables() -%}
    {{ return({
        'crm_leads': ['crm', 'int_audit__crm_leads'],
        'crm_lead_status_changes': ['crm', 'int_audit__crm_lead_status_changes'],
        'crm_activities': ['crm', 'int_audit__crm_activities'],
        'crm_opportunities': ['crm', 'int_audit__crm_opportunities'],
        'web_pageviews': ['marketing', 'int_audit__web_pageviews'],
        'form_submissions': ['marketing', 'int_audit__form_submissions'],
        'email_events': ['marketing', 'int_audit__email_events'],
        'event_attendance': ['marketing', 'int_audit__event_attendance'],
        'ad_spend': ['marketing', 'int_audit__ad_spend'],
        'program_costs': ['marketing', 'int_audit__program_costs'],
    }) }}
{%- endmacro %}
