{#- The used rows of raw.crm_opportunities (contract section 5): valid, first
    of their key, naming a live lead where they name one. -#}
{{ used_rows('int_audit__crm_opportunities', [
    'opportunity_id', 'lead_id', 'created_at', 'stage', 'is_closed',
    'is_won', 'closed_at', 'amount', 'gross_margin_pct',
]) }}
