{#- The used rows of raw.form_submissions (contract section 5): valid, first
    of their key, naming a live lead where they name one. -#}
{{ used_rows('int_audit__form_submissions', [
    'submission_id', 'lead_id', 'form_type', 'asset_type', 'submitted_at',
]) }}
