{{ audit_row_checks(
    columns=['pageview_id', 'visitor_id', 'lead_id', 'occurred_at', 'page_path', 'page_path_clean', 'utm_source', 'utm_medium', 'utm_campaign', 'referrer_host'] + lineage_columns('web_pageviews'),
    source_relation=ref('stg_marketing__web_pageviews'),
    key_columns=['pageview_id'],
    required_columns=['pageview_id', 'visitor_id', 'occurred_at'],
    needed_timestamps=['occurred_at'],
    keep_order='occurred_at, visitor_id, lead_id, page_path',
    timestamp_column='occurred_at',
) }}
