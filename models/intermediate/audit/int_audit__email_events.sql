{{ audit_source_rows(
    staging_model='stg_marketing__email_events',
    key_columns=['email_event_id'],
    required_columns=['email_event_id', 'lead_id', 'occurred_at'],
    keep_order='occurred_at, lead_id, event_type',
    lead_id_column='lead_id',
) }}
