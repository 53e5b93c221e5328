{#-
    Classifies every row of one staged raw table into exactly one bucket of
    contract section 5, tried in this order:

      quarantined  a required value is NULL or a check fails
      duplicate    another valid row with the same key was kept
      deleted      the row names a deleted lead (or is one)
      quarantined  the row names no known lead (orphan)
      used         everything else

    Emits every column of the staging model plus `row_key`, `row_bucket` and
    `quarantine_reason`, one row per raw row.

    key_columns        identify a row: rows sharing them are duplicates, and
                       audit_quarantine shows them as the row's key
    required_columns   a NULL in any of these quarantines the row (list the id here)
    checks             [[sql_condition_that_is_bad, reason], ...]
    keep_order         order by which the first of several same-key rows is kept
    lead_id_column     the column naming a lead (events), if any
    lead_is_deleted_column  leads only: the kept row's deletion flag
-#}
{% macro audit_source_rows(
    staging_model,
    key_columns,
    required_columns=[],
    checks=[],
    keep_order=none,
    lead_id_column=none,
    lead_is_deleted_column=none
) -%}

with staged as (

    select * from {{ ref(staging_model) }}

),

{% if lead_id_column -%}
known_leads as (

    select
        lead_id as known_lead_id,
        row_bucket = 'deleted' as is_deleted_lead
    from {{ ref('int_audit__crm_leads') }}
    where row_bucket in ('used', 'deleted')

),
{%- endif %}

checked as (

    select
        staged.*,
        {{ composite_key(key_columns) }} as row_key,
        case
            {%- for column in required_columns %}
            when {{ column }} is null then '{{ column }} is null'
            {%- endfor %}
            {%- for check in checks %}
            when {{ check[0] }} then '{{ check[1] }}'
            {%- endfor %}
        end as value_error
    from staged

),

ranked as (

    select
        checked.*,
        row_number() over (
            partition by {{ key_columns | join(', ') }}
            order by
                case when value_error is null then 0 else 1 end
                {%- if keep_order %}, {{ keep_order }}{% endif %}
        ) as key_rank
    from checked

),

classified as (

    select
        ranked.*,
        case
            when value_error is not null then 'quarantined'
            when key_rank > 1 then 'duplicate'
            {%- if lead_is_deleted_column %}
            when {{ lead_is_deleted_column }} then 'deleted'
            {%- endif %}
            {%- if lead_id_column %}
            when known_leads.is_deleted_lead then 'deleted'
            when ranked.{{ lead_id_column }} is not null and known_leads.known_lead_id is null then 'quarantined'
            {%- endif %}
            else 'used'
        end as row_bucket,
        case
            when value_error is not null then value_error
            {%- if lead_id_column %}
            when key_rank = 1 and known_leads.known_lead_id is null and ranked.{{ lead_id_column }} is not null
                then '{{ lead_id_column }} names no known lead'
            {%- endif %}
        end as quarantine_reason
    from ranked
    {%- if lead_id_column %}
    left join known_leads
        on ranked.{{ lead_id_column }} = known_leads.known_lead_id
    {%- endif %}

)

select * from classified

{%- endmacro %}
