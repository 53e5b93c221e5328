{{ audit_source_rows(
    staging_model='stg_marketing__web_pageviews',
    key_columns=['pageview_id'],
    required_columns=['pageview_id', 'visitor_id', 'occurred_at'],
    keep_order='occurred_at, visitor_id, lead_id, page_path',
    lead_id_column='lead_id',
) }}
