{#- Fit rules fire once, at the lead's created_at, on its current row. -#}
{{ lead_keyed_config() }}
-- depends_on: {{ ref('int_leads__changed') }}

with leads as (

    select * from {{ ref('int_leads__enriched') }}
    {{ only_changed_leads() }}

),

fired as (

    select
        lead_id,
        'icp_industry' as rule_id,
        created_at
    from leads
    where is_icp_industry
    union all
    select
        lead_id,
        'company_size' as rule_id,
        created_at
    from leads
    where is_icp_company_size
    union all
    select
        lead_id,
        'decision_maker_title' as rule_id,
        created_at
    from leads
    where has_decision_maker_title
    union all
    select
        lead_id,
        'wrong_geography' as rule_id,
        created_at
    from leads
    where is_wrong_geography

),

final as (

    select
        lead_id,
        rule_id,
        created_at as occurred_at,
        created_at as effective_at
    from fired

)

select * from final
