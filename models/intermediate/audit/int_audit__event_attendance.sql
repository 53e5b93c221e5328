{{ audit_source_rows(
    staging_model='stg_marketing__event_attendance',
    key_columns=['attendance_id'],
    required_columns=['attendance_id', 'lead_id'],
    needed_timestamps=[['attended_at', 'attended']],
    checks=[
        ['attended and attended_at is null', 'attended_at is null on an attended registration'],
    ],
    keep_order='registered_at, lead_id, event_id',
    lead_id_column='lead_id',
) }}
