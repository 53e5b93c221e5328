-- audit_reconciliation has exactly one row per raw source table.
with expected as (

    {%- for source_table in audited_tables() %}
        select '{{ source_table }}' as source_table{% if not loop.last %}
            union all{% endif %}
    {%- endfor %}

)

select expected.source_table
from expected
left join {{ ref('audit_reconciliation') }} as reconciliation
    on expected.source_table = reconciliation.source_table
where reconciliation.source_table is null
