{#- Raw rows are counted on the source itself, so the reconciliation test
    catches any row the audit models lose or invent. -#}
with row_buckets as (

    {%- for source_table, audit in audited_tables().items() %}
        select
            '{{ source_table }}' as source_table,
            (select count(*) from {{ source(audit[0], source_table) }}) as raw_rows,
            sum(case when row_bucket = 'used' then 1 else 0 end) as used_rows,
            sum(case when row_bucket = 'duplicate' then 1 else 0 end) as duplicate_rows,
            sum(case when row_bucket = 'quarantined' then 1 else 0 end) as quarantined_rows,
            sum(case when row_bucket = 'deleted' then 1 else 0 end) as deleted_rows
        from {{ ref(audit[1]) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

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
