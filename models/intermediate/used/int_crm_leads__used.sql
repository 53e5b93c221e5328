{#- The live leads: the kept row of each lead_id that is not deleted (bucket
    used), with the columns later models read. -#}
{{ used_rows('int_audit__crm_leads', [
    'lead_id', 'email', 'job_title', 'job_title_words', 'company_name',
    'industry', 'employee_count', 'country_code', 'utm_source',
    'utm_medium', 'referrer_host', 'created_at', 'updated_at',
] + var('crm_leads_passthrough_columns')) }}
