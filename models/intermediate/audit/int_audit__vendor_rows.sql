{#- Contract section 7, nothing lost on vendor tables: one row per vendor
    row read, with its bucket. A row that fed section 2 rows takes their
    bucket (the first of used, duplicate, deleted, quarantined when it fed
    several); a row that fed none is quarantined with the adapter's reason
    (orphan, ambiguous_recipient). Built only while an adapter is on. -#}
{{ config(enabled=any_adapter_on()) }}
{%- set buckets = ['used', 'duplicate', 'deleted', 'quarantined'] %}
with vendor_rows as (

    {%- for table_name, adapter_models in section2_adapter_models().items() %}
    select
        source_table,
        source_row_key,
        source_row_number,
        row_bucket,
        quarantine_reason
    from {{ ref(audited_tables()[table_name][1]) }}
    {%- for model_name in adapter_models %}

    union all

    select
        source_table,
        source_row_key,
        source_row_number,
        'quarantined' as row_bucket,
        unmapped_reason as quarantine_reason
    from {{ ref(model_name) }}
    where unmapped_reason is not null
    {%- endfor %}
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

ranked as (

    select
        vendor_rows.*,
        case row_bucket
            {%- for bucket in buckets %}
            when '{{ bucket }}' then {{ loop.index }}
            {%- endfor %}
        end as bucket_rank
    from vendor_rows

),

first_buckets as (

    select
        source_table,
        source_row_key,
        source_row_number,
        min(bucket_rank) as bucket_rank
    from ranked
    group by source_table, source_row_key, source_row_number

),

final as (

    select
        ranked.source_table,
        ranked.source_row_key as row_key,
        ranked.source_row_number,
        min(ranked.row_bucket) as row_bucket,
        min(ranked.quarantine_reason) as quarantine_reason
    from ranked
    inner join first_buckets
        on ranked.source_table = first_buckets.source_table
        and ranked.source_row_number = first_buckets.source_row_number
        and ranked.bucket_rank = first_buckets.bucket_rank
        and coalesce(ranked.source_row_key, '') = coalesce(first_buckets.source_row_key, '')
    group by ranked.source_table, ranked.source_row_key, ranked.source_row_number

)

select * from final
