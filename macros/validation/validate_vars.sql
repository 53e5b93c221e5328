{#- on-run-start, first of all: every var the project reads, checked once
    against its domain (contract section 1). A bad value stops the run
    before any seed, model or test runs, with one message naming each bad
    var, its value and what is allowed; nothing is rendered raw into SQL
    first. The domains:

      kind        integer | number | date | text | identifier_list | choice_list
      min         inclusive lower bound of a number
      above       exclusive lower bound of a number
      one_of      the allowed values of a text var (attendee_channel: the
                  contract's canonical channels, section 3) or of each item
                  of a choice_list
      optional    the var has no default: unset is fine, a set value is checked

    Relations between vars are [smaller var, larger var] pairs. -#}
{% macro var_domains() -%}
    {{ return({
        'mql_threshold': {'kind': 'number'},
        'min_engagement_points': {'kind': 'number', 'min': 0},
        'nurture_floor': {'kind': 'number'},
        'icp_min_employees': {'kind': 'integer', 'min': 0},
        'icp_max_employees': {'kind': 'integer', 'min': 0},
        'blog_visit_count': {'kind': 'integer', 'min': 1},
        'blog_visit_window_days': {'kind': 'integer', 'min': 1},
        'sla_minutes': {'kind': 'number', 'above': 0},
        'minutes_per_lead_review': {'kind': 'number', 'min': 0},
        'min_valid_timestamp': {'kind': 'date'},
        'max_future_days': {'kind': 'integer', 'min': 0},
        'incremental_lookback_days': {'kind': 'integer', 'min': 1},
        'sales_accepted_status': {'kind': 'text'},
        'attendee_channel': {'kind': 'text', 'one_of': [
            'organic_search', 'paid_search', 'paid_social', 'organic_social', 'events_webinars',
            'referral_partner', 'email', 'direct', 'other',
        ]},
        'rep_hours_per_month': {'kind': 'number', 'above': 0},
        'recycled_min_nurture_days': {'kind': 'integer', 'min': 0},
        'capacity_target_deals': {'kind': 'number', 'above': 0},
        'capacity_trailing_months': {'kind': 'integer', 'min': 1},
        'calibration_threshold_min': {'kind': 'integer'},
        'calibration_threshold_max': {'kind': 'integer'},
        'calibration_threshold_step': {'kind': 'integer', 'min': 1},
        'calibration_min_mqls': {'kind': 'integer', 'min': 0},
        'calibration_lift_floor': {'kind': 'number', 'above': 0},
        'calibration_lift_cap': {'kind': 'number', 'above': 0},
        'crm_leads_passthrough_columns': {'kind': 'identifier_list'},
        'bi_reader_roles': {'kind': 'identifier_list'},
        'crm_source': {'kind': 'text', 'one_of': ['raw', 'hubspot', 'salesforce']},
        'web_source': {'kind': 'text', 'one_of': ['raw', 'segment']},
        'ad_platforms': {'kind': 'choice_list', 'one_of': ad_platform_names()},
        'segment_user_id': {'kind': 'text', 'one_of': ['lead_id', 'email']},
        'hubspot_gross_margin_property': {'kind': 'text'},
        'hubspot_schema': {'kind': 'text'},
        'salesforce_schema': {'kind': 'text'},
        'salesforce_utm_source_field': {'kind': 'text'},
        'salesforce_utm_medium_field': {'kind': 'text'},
        'salesforce_referrer_field': {'kind': 'text'},
        'salesforce_gross_margin_field': {'kind': 'text'},
        'segment_schema': {'kind': 'text'},
        'google_ads_schema': {'kind': 'text'},
        'linkedin_ads_schema': {'kind': 'text'},
        'facebook_ads_schema': {'kind': 'text'},
        'microsoft_ads_schema': {'kind': 'text'},
        'hubspot_database': {'kind': 'text', 'optional': true},
        'salesforce_database': {'kind': 'text', 'optional': true},
        'segment_database': {'kind': 'text', 'optional': true},
        'google_ads_database': {'kind': 'text', 'optional': true},
        'linkedin_ads_database': {'kind': 'text', 'optional': true},
        'facebook_ads_database': {'kind': 'text', 'optional': true},
        'microsoft_ads_database': {'kind': 'text', 'optional': true},
    }) }}
{%- endmacro %}

{% macro var_relations() -%}
    {{ return([
        ['icp_min_employees', 'icp_max_employees'],
        ['calibration_threshold_min', 'calibration_threshold_max'],
        ['calibration_lift_floor', 'calibration_lift_cap'],
    ]) }}
{%- endmacro %}

{#- An SQL identifier that needs no quoting rules of its own: a letter or
    underscore, then letters, digits, underscores; at most 63 characters
    (PostgreSQL's limit). Role names and column names must be one. -#}
{% macro is_plain_identifier(value) -%}
    {{ return(value is string and modules.re.match('^[A-Za-z_][A-Za-z0-9_]{0,62}$', value) is not none) }}
{%- endmacro %}

{#- What is wrong with `value` for `domain`, or '' when nothing is. -#}
{% macro var_domain_problem(value, domain) -%}
    {%- set kind = domain['kind'] -%}
    {%- set is_finite_number = value is number and value is not boolean and (value | string) not in ['nan', 'inf', '-inf'] -%}
    {%- if kind == 'integer' and not (value is integer and value is not boolean) -%}
        {{ return('an integer') }}
    {%- elif kind == 'number' and not is_finite_number -%}
        {{ return('a finite number') }}
    {%- elif kind in ('integer', 'number') -%}
        {%- if 'min' in domain and value < domain['min'] -%}
            {{ return(('an integer' if kind == 'integer' else 'a number') ~ ' >= ' ~ domain['min']) }}
        {%- elif 'above' in domain and value <= domain['above'] -%}
            {{ return(('an integer' if kind == 'integer' else 'a number') ~ ' > ' ~ domain['above']) }}
        {%- endif -%}
    {%- elif kind == 'date' and not (value is string and modules.re.match(
        '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])( ([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?$', value
    )) -%}
        {{ return("a date as 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM:SS')") }}
    {%- elif kind == 'text' and not (value is string and value | trim | length > 0) -%}
        {{ return('a non-empty text') }}
    {%- elif kind == 'text' and 'one_of' in domain and value not in domain['one_of'] -%}
        {{ return('one of ' ~ (domain['one_of'] | join(', '))) }}
    {%- elif kind == 'choice_list' -%}
        {%- if value is string or value is not iterable or value is mapping -%}
            {{ return('a list, e.g. [' ~ (domain['one_of'][:2] | join(', ')) ~ ']') }}
        {%- endif -%}
        {%- for item in value if item not in domain['one_of'] -%}
            {{ return('a list of ' ~ (domain['one_of'] | join(', ')) ~ ': ' ~ (item | tojson) ~ ' is not one') }}
        {%- endfor -%}
    {%- elif kind == 'identifier_list' -%}
        {%- if value is string or value is not iterable or value is mapping -%}
            {{ return('a list of names, e.g. [name_a, name_b]') }}
        {%- endif -%}
        {%- for item in value if not is_plain_identifier(item) -%}
            {{ return('a list of plain names (a letter or _, then letters, digits, _; at most 63): ' ~ (item | tojson) ~ ' is not one') }}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{% macro validate_vars() %}
    {%- if execute -%}
        {%- set problems = [] -%}
        {%- set bad_vars = [] -%}
        {%- for name, domain in var_domains().items() -%}
            {%- set value = var(name, none) -%}
            {%- set problem = '' if (domain.get('optional') and value is none) else var_domain_problem(value, domain) -%}
            {%- if problem -%}
                {%- do problems.append('var ' ~ name ~ ' = ' ~ (value | tojson) ~ ': must be ' ~ problem) -%}
                {%- do bad_vars.append(name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for smaller, larger in var_relations()
            if smaller not in bad_vars and larger not in bad_vars and var(smaller) > var(larger) -%}
            {%- do problems.append(
                'var ' ~ smaller ~ ' = ' ~ var(smaller) ~ ' is above var ' ~ larger ~ ' = ' ~ var(larger)
                ~ ': must be ' ~ smaller ~ ' <= ' ~ larger
            ) -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                'Invalid var(s), nothing was built:\n  ' ~ (problems | join('\n  '))
                ~ "\nSet them with --vars, e.g. --vars '{mql_threshold: 60}' (README, Settings)."
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}

{#- A numeric var for Jinja arithmetic (offsets, frame bounds, ranges):
    its value, or 0 while it is not a number, so that parsing the project
    never fails on a bad value before validate_vars names it. -#}
{% macro number_var(name) -%}
    {%- set value = var(name) -%}
    {{ return(value if value is number and value is not boolean else 0) }}
{%- endmacro %}
