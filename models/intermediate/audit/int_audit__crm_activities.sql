{{ audit_source_rows(
    staging_model='stg_crm__activities',
    key_columns=['activity_id'],
    required_columns=['activity_id', 'lead_id', 'occurred_at'],
    needed_timestamps=['occurred_at'],
    keep_order='occurred_at, lead_id, activity_type',
    lead_id_column='lead_id',
) }}
