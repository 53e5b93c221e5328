{#- Spend rows carry no id: a row delivered twice (every column equal) counts
    once; two different amounts on the same day and campaign both count. -#}
{{ audit_source_rows(
    staging_model='stg_marketing__ad_spend',
    key_columns=['spend_date', 'platform', 'utm_source', 'utm_medium', 'campaign', 'spend', 'currency'],
    finite_columns=['spend'],
    required_columns=['spend_date', 'spend'],
    needed_timestamps=['spend_date'],
    checks=[
        ['spend < 0', 'spend is negative'],
        ["currency <> 'USD'", 'currency is not USD'],
    ],
) }}
