{#- The used rows of raw.program_costs (contract section 5): valid and the kept
    row of their key. -#}
{{ used_rows('int_audit__program_costs', [
    'cost_month', 'channel', 'cost',
]) }}
