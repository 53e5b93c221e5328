{#- The used rows of raw.crm_activities (contract section 5): valid, first of
    their key, naming a live lead where they name one. -#}
{{ used_rows('int_audit__crm_activities', [
    'activity_id', 'lead_id', 'activity_type', 'occurred_at', 'rep_id',
]) }}
