{{ audit_source_rows(
    staging_model='stg_crm__opportunities',
    key_columns=['opportunity_id'],
    finite_columns=['amount'],
    required_columns=['opportunity_id', 'lead_id', 'created_at'],
    needed_timestamps=['created_at', ['closed_at', 'is_won']],
    checks=[
        ['is_won and closed_at is null', 'closed_at is null on a won opportunity'],
    ],
    keep_order='created_at, lead_id, closed_at',
    lead_id_column='lead_id',
) }}
