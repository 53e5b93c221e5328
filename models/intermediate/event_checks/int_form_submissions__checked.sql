{{ audit_row_checks(
    columns=['submission_id', 'lead_id', 'form_type', 'asset_type', 'submitted_at'] + lineage_columns('form_submissions'),
    source_relation=ref('stg_marketing__form_submissions'),
    key_columns=['submission_id'],
    required_columns=['submission_id', 'lead_id', 'submitted_at'],
    needed_timestamps=['submitted_at'],
    keep_order='submitted_at, lead_id, form_type, asset_type',
    timestamp_column='submitted_at',
) }}
