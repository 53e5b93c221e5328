{#- A view: the buckets are a join of the checked rows with the current leads,
    cheaper to repeat in each reader than to copy every row into a table on
    every build (README, Performance). -#}
{{ config(materialized='view') }}

{{ audit_row_buckets(ref('int_form_submissions__checked'), lead_id_column='lead_id') }}
