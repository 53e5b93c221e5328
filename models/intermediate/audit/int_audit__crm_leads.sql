{{ audit_source_rows(
    staging_model='stg_crm__leads',
    key_columns=['lead_id'],
    required_columns=['lead_id', 'created_at'],
    needed_timestamps=['created_at'],
    keep_order='updated_at desc nulls last, created_at desc, email, job_title, company_name, country_code, employee_count',
    lead_is_deleted_column='is_deleted',
) }}
