{#- The used rows of raw.email_events (contract section 5): valid, first of
    their key, naming a live lead where they name one. -#}
{{ used_rows('int_audit__email_events', [
    'email_event_id', 'lead_id', 'campaign_id', 'event_type', 'occurred_at',
]) }}
