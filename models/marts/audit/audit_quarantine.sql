{%- set replaced = section2_adapter_models() %}
with quarantined_rows as (

    {%- for source_table, audit in audited_tables().items() if source_table not in replaced %}
        select
            '{{ source_table }}' as source_table,
            row_key,
            quarantine_reason as reason
        from {{ ref(audit[1]) }}
        where row_bucket = 'quarantined'
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {%- if replaced %}

        union all

        {#- Vendor tables (contract section 7): the vendor row's key. #}
        select
            source_table,
            row_key,
            quarantine_reason as reason
        from {{ ref('int_audit__vendor_rows') }}
        where row_bucket = 'quarantined'
    {%- endif %}

),

final as (

    select
        source_table,
        row_key,
        reason
    from quarantined_rows

)

select * from final
