{#- Cost rows carry no id: every row is its own record (no duplicate bucket). -#}
{{ audit_source_rows(
    staging_model='stg_marketing__program_costs',
    key_columns=['cost_month'],
    row_key_columns=['cost_month', 'channel'],
    required_columns=['cost'],
    checks=[
        ['cost < 0', 'cost is negative'],
        ["channel not in (select channel from " ~ ref('channels') ~ ")", 'channel is not canonical'],
    ],
    deduplicate=false,
) }}
