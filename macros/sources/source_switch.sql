{#- Contract section 7: the one place that decides where each section 2 table
    comes from. With every switch on raw (the default) it is the raw table of
    schema raw; a switched-on vendor replaces the tables it lands with its
    adapter models (models/sources/<vendor>), and everything after staging is
    shared. Staging reads section2_relation(); nothing else knows which
    source is on. -#}

{% macro ad_platform_names() -%}
    {{ return(['google_ads', 'linkedin_ads', 'facebook_ads', 'microsoft_ads']) }}
{%- endmacro %}

{#- {section 2 table: [adapter models]} for the tables a switch replaces. -#}
{% macro section2_adapter_models() -%}
    {%- set models = {} -%}
    {%- if var('crm_source') == 'hubspot' -%}
        {%- for table in ['crm_leads', 'crm_lead_status_changes', 'crm_activities', 'crm_opportunities',
                          'email_events', 'form_submissions'] -%}
            {%- do models.update({table: ['hubspot__' ~ table]}) -%}
        {%- endfor -%}
    {%- elif var('crm_source') == 'salesforce' -%}
        {%- for table in ['crm_leads', 'crm_lead_status_changes', 'crm_activities', 'crm_opportunities',
                          'event_attendance'] -%}
            {%- do models.update({table: ['salesforce__' ~ table]}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if var('web_source') == 'segment' -%}
        {%- do models.update({'web_pageviews': ['segment__web_pageviews']}) -%}
    {%- endif -%}
    {%- if var('ad_platforms') | length > 0 -%}
        {%- set spend_models = [] -%}
        {%- for platform in ad_platform_names() if platform in var('ad_platforms') -%}
            {%- do spend_models.append(platform ~ '__ad_spend') -%}
        {%- endfor -%}
        {%- do models.update({'ad_spend': spend_models}) -%}
    {%- endif -%}
    {{ return(models) }}
{%- endmacro %}

{#- The vendor tables the switched-on adapters read rows of, each named
    '<vendor>.<table>' as the audit marts show it (lookup tables such as
    engagement_contact or *_history are read for their values, not rows). -#}
{% macro vendor_tables_read() -%}
    {%- set tables = [] -%}
    {%- if var('crm_source') == 'hubspot' -%}
        {%- do tables.extend(['hubspot.contact', 'hubspot.contact_property_history', 'hubspot.engagement',
                              'hubspot.email_event', 'hubspot.contact_form_submission', 'hubspot.deal']) -%}
    {%- elif var('crm_source') == 'salesforce' -%}
        {%- do tables.extend(['salesforce.lead', 'salesforce.lead_history', 'salesforce.task', 'salesforce.event',
                              'salesforce.opportunity', 'salesforce.campaign_member']) -%}
    {%- endif -%}
    {%- if var('web_source') == 'segment' -%}
        {%- do tables.append('segment.pages') -%}
    {%- endif -%}
    {%- set spend_tables = {
        'google_ads': 'google_ads.ad_stats',
        'linkedin_ads': 'linkedin_ads.ad_analytics_by_creative',
        'facebook_ads': 'facebook_ads.basic_ad',
        'microsoft_ads': 'microsoft_ads.ad_performance_daily_report',
    } -%}
    {%- for platform in ad_platform_names() if platform in var('ad_platforms') -%}
        {%- do tables.append(spend_tables[platform]) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}

{#- Every table audit_reconciliation has a row for: the raw tables still
    read, then the vendor tables read. -#}
{% macro reconciled_tables() -%}
    {%- set replaced = section2_adapter_models() -%}
    {%- set tables = [] -%}
    {%- for table_name in audited_tables() if table_name not in replaced -%}
        {%- do tables.append(table_name) -%}
    {%- endfor -%}
    {{ return(tables + vendor_tables_read()) }}
{%- endmacro %}

{% macro any_adapter_on() -%}
    {{ return(section2_adapter_models() | length > 0) }}
{%- endmacro %}

{#- The relation staging reads for a section 2 table: the raw table; or the
    mapped rows of its adapter models (the rows an adapter could not map stay
    in the adapter, for the audit); or, while an adapter is on and a table no
    switch replaces is missing from raw, an empty table of section 2's
    columns. -#}
{% macro section2_relation(source_name, table_name) -%}
    {%- set adapter_models = section2_adapter_models().get(table_name) -%}
    {%- if adapter_models -%}
        {%- set selects = [] -%}
        {%- for model_name in adapter_models -%}
            {%- do selects.append('select * from ' ~ ref(model_name) ~ ' where unmapped_reason is null') -%}
        {%- endfor -%}
        {{ return('(' ~ (selects | join(' union all ')) ~ ') as adapter_rows') }}
    {%- endif -%}
    {%- set raw_relation = source(source_name, table_name) -%}
    {%- if execute and any_adapter_on() and not raw_table_exists(raw_relation) -%}
        {{ return('(' ~ empty_section2_table(table_name) ~ ') as empty_' ~ table_name) }}
    {%- endif -%}
    {{ return(raw_relation) }}
{%- endmacro %}

{% macro raw_table_exists(relation) -%}
    {{ return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is not none) }}
{%- endmacro %}

{#- A table that may be missing (an optional vendor table, or a raw table no
    switch replaces while an adapter is on): the relation, or an empty row
    set, whose columns vendor_column then reads as NULL. -#}
{% macro relation_or_empty(relation) -%}
    {%- if execute and not raw_table_exists(relation) -%}
        {{ return('(select 1 as no_rows where 1 = 0) as empty_' ~ relation.identifier) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{#- Section 2's columns of a table, in its landing types, and no rows. -#}
{% macro empty_section2_table(table_name) -%}
    select
    {%- for column, data_type in section2_columns(table_name).items() %}
        cast(null as {{ data_type }}) as {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
    where 1 = 0
{%- endmacro %}

{#- Contract section 2: the columns and landing types of every raw table. -#}
{% macro section2_columns(table_name) -%}
    {%- set text = dbt.type_string() -%}
    {%- set ts = dbt.type_timestamp() -%}
    {%- set tables = {
        'crm_leads': {
            'lead_id': text, 'email': text, 'job_title': text, 'company_name': text, 'industry': text,
            'employee_count': 'integer', 'country': text, 'original_utm_source': text,
            'original_utm_medium': text, 'original_referrer_host': text, 'created_at': ts, 'updated_at': ts,
            'is_deleted': dbt.type_boolean(),
        },
        'crm_lead_status_changes': {
            'status_change_id': text, 'lead_id': text, 'new_status': text, 'changed_at': ts, 'changed_by': text,
        },
        'crm_activities': {
            'activity_id': text, 'lead_id': text, 'activity_type': text, 'occurred_at': ts, 'rep_id': text,
        },
        'crm_opportunities': {
            'opportunity_id': text, 'lead_id': text, 'created_at': ts, 'stage': text,
            'is_closed': dbt.type_boolean(), 'is_won': dbt.type_boolean(), 'closed_at': ts,
            'amount': type_money(), 'gross_margin_pct': type_double(),
        },
        'web_pageviews': {
            'pageview_id': text, 'visitor_id': text, 'lead_id': text, 'occurred_at': ts, 'page_path': text,
            'utm_source': text, 'utm_medium': text, 'utm_campaign': text, 'referrer_host': text,
        },
        'form_submissions': {
            'submission_id': text, 'lead_id': text, 'form_type': text, 'asset_type': text, 'submitted_at': ts,
        },
        'email_events': {
            'email_event_id': text, 'lead_id': text, 'campaign_id': text, 'event_type': text, 'occurred_at': ts,
        },
        'event_attendance': {
            'attendance_id': text, 'event_id': text, 'lead_id': text, 'registered_at': ts,
            'attended': dbt.type_boolean(), 'attended_at': ts,
        },
        'ad_spend': {
            'spend_date': 'date', 'platform': text, 'utm_source': text, 'utm_medium': text, 'campaign': text,
            'spend': type_money(), 'currency': text,
        },
        'program_costs': {'cost_month': 'date', 'channel': text, 'cost': type_money()},
    } -%}
    {{ return(tables[table_name]) }}
{%- endmacro %}

{#- The lineage columns staging carries from an adapter to the audit: which
    vendor row fed each section 2 row. None on raw tables. -#}
{% macro lineage_columns(table_name) -%}
    {{ return(['source_table', 'source_row_key', 'source_row_number'] if table_name in section2_adapter_models() else []) }}
{%- endmacro %}

{% macro lineage_select(table_name) -%}
    {%- for column in lineage_columns(table_name) %},
        {{ column }}
    {%- endfor %}
{%- endmacro %}

{#- An adapter's source_row_number: 1, 2, ... over the vendor rows sharing
    `key` (the row's own key in its vendor table), so the audit tells a row
    from its copies. -#}
{% macro source_row_number(key) -%}
    row_number() over (partition by {{ key }} order by {{ key }})
{%- endmacro %}
