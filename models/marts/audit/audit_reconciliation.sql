{#- Raw rows are counted on the source itself, so the reconciliation test
    catches any row the audit models lose or invent. A table an adapter
    replaces is reconciled per vendor table read instead (contract
    section 7: hubspot.contact, segment.pages, ...). -#}
{%- set replaced = section2_adapter_models() %}
with row_buckets as (

    {%- for source_table, audit in audited_tables().items() if source_table not in replaced %}
        select
            '{{ source_table }}' as source_table,
            (select count(*) from {{ section2_relation(audit[0], source_table) }}) as raw_rows,
            sum(case when row_bucket = 'used' then 1 else 0 end) as used_rows,
            sum(case when row_bucket = 'duplicate' then 1 else 0 end) as duplicate_rows,
            sum(case when row_bucket = 'quarantined' then 1 else 0 end) as quarantined_rows,
            sum(case when row_bucket = 'deleted' then 1 else 0 end) as deleted_rows
        from {{ ref(audit[1]) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {%- if replaced %}

        union all

        select
            vendor_tables.source_table,
            count(vendor_rows.row_bucket) as raw_rows,
            sum(case when vendor_rows.row_bucket = 'used' then 1 else 0 end) as used_rows,
            sum(case when vendor_rows.row_bucket = 'duplicate' then 1 else 0 end) as duplicate_rows,
            sum(case when vendor_rows.row_bucket = 'quarantined' then 1 else 0 end) as quarantined_rows,
            sum(case when vendor_rows.row_bucket = 'deleted' then 1 else 0 end) as deleted_rows
        from (
            {%- for table_name in vendor_tables_read() %}
            select '{{ table_name }}' as source_table{{ " union all" if not loop.last }}
            {%- endfor %}
        ) as vendor_tables
        left join {{ ref('int_audit__vendor_rows') }} as vendor_rows
            on vendor_tables.source_table = vendor_rows.source_table
        group by vendor_tables.source_table
    {%- endif %}

),

final as (

    select
        source_table,
        cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(coalesce(used_rows, 0) as {{ dbt.type_bigint() }}) as used_rows,
        cast(coalesce(duplicate_rows, 0) as {{ dbt.type_bigint() }}) as duplicate_rows,
        cast(coalesce(quarantined_rows, 0) as {{ dbt.type_bigint() }}) as quarantined_rows,
        cast(coalesce(deleted_rows, 0) as {{ dbt.type_bigint() }}) as deleted_rows
    from row_buckets

)

select * from final
