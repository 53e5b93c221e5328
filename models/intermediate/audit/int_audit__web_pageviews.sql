{{ audit_row_buckets(ref('int_web_pageviews__checked'), lead_id_column='lead_id') }}
