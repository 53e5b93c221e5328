{#- The used rows of raw.crm_lead_status_changes (contract section 5): valid,
    first of their key, naming a live lead where they name one. -#}
{{ used_rows('int_audit__crm_lead_status_changes', [
    'status_change_id', 'lead_id', 'new_status', 'changed_at', 'changed_by',
]) }}
