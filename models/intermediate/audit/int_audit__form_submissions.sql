{{ audit_source_rows(
    staging_model='stg_marketing__form_submissions',
    key_columns=['submission_id'],
    required_columns=['submission_id', 'lead_id', 'submitted_at'],
    keep_order='submitted_at, lead_id, form_type, asset_type',
    lead_id_column='lead_id',
) }}
