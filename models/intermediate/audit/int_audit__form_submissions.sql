{{ audit_row_buckets(ref('int_form_submissions__checked'), lead_id_column='lead_id') }}
