-- audit_reconciliation has exactly one row per table read: the raw tables
-- still read and the vendor tables of the switched-on adapters (section 7).
with expected as (

    {%- for source_table in reconciled_tables() %}
        select '{{ source_table }}' as source_table{% if not loop.last %}
            union all{% endif %}
    {%- endfor %}

)

select coalesce(expected.source_table, reconciliation.source_table) as source_table
from expected
full outer join {{ ref('audit_reconciliation') }} as reconciliation
    on expected.source_table = reconciliation.source_table
where reconciliation.source_table is null or expected.source_table is null
