{{ audit_row_buckets(ref('int_email_events__checked'), lead_id_column='lead_id') }}
