{#- Spend rows carry no id: every row is its own record (no duplicate bucket). -#}
{{ audit_source_rows(
    staging_model='stg_marketing__ad_spend',
    key_columns=['spend_date'],
    row_key_columns=['spend_date', 'platform', 'utm_source', 'utm_medium', 'campaign'],
    required_columns=['spend'],
    checks=[
        ['spend < 0', 'spend is negative'],
        ["currency <> 'USD'", 'currency is not USD'],
    ],
    deduplicate=false,
) }}
