{{ audit_row_checks(
    columns=['email_event_id', 'lead_id', 'campaign_id', 'event_type', 'occurred_at'] + lineage_columns('email_events'),
    source_relation=ref('stg_marketing__email_events'),
    key_columns=['email_event_id'],
    required_columns=['email_event_id', 'lead_id', 'occurred_at'],
    needed_timestamps=['occurred_at'],
    keep_order='occurred_at, lead_id, event_type',
    timestamp_column='occurred_at',
) }}
