{#- The used rows of raw.ad_spend (contract section 5): valid and the kept
    row of their key. -#}
{{ used_rows('int_audit__ad_spend', [
    'spend_date', 'platform', 'utm_source', 'utm_medium', 'referrer_host',
    'campaign', 'spend', 'currency',
]) }}
