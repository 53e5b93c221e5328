with quarantined_rows as (

    {%- for source_table, audit in audited_tables().items() %}
        select
            '{{ source_table }}' as source_table,
            row_key,
            quarantine_reason as reason
        from {{ ref(audit[1]) }}
        where row_bucket = 'quarantined'
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

final as (

    select
        source_table,
        row_key,
        reason
    from quarantined_rows

)

select * from final
