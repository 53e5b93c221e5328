{{ audit_source_rows(
    staging_model='stg_crm__lead_status_changes',
    key_columns=['status_change_id'],
    required_columns=['status_change_id', 'lead_id', 'changed_at'],
    needed_timestamps=['changed_at'],
    keep_order='changed_at, lead_id, new_status',
    lead_id_column='lead_id',
) }}
