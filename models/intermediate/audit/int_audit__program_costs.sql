{#- Cost rows carry no id: a row delivered twice (every column equal) counts
    once; two different costs in the same month and channel both count. -#}
{{ audit_source_rows(
    staging_model='stg_marketing__program_costs',
    key_columns=['cost_month', 'channel', 'cost'],
    finite_columns=['cost'],
    required_columns=['cost_month', 'cost'],
    needed_timestamps=['cost_month'],
    checks=[
        ['cost < 0', 'cost is negative'],
        ["channel not in (select channel from " ~ ref('stg_seeds__channels') ~ ")", 'channel is not canonical'],
    ],
) }}
