{#- The used rows of raw.web_pageviews (contract section 5): valid, first of
    their key, naming a live lead where they name one. -#}
{{ used_rows('int_audit__web_pageviews', [
    'pageview_id', 'visitor_id', 'lead_id', 'occurred_at', 'page_path',
    'page_path_clean', 'utm_source', 'utm_medium', 'utm_campaign',
    'referrer_host',
]) }}
