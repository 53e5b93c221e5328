{#- Everything the lead-keyed models (macro lead_keyed_config) read of one
    live lead, as one fingerprint: the enriched attributes the fit rules and
    the scores read, the visitors the lead owns, and the rules and vars every
    lead is scored by (a change to those changes every lead). A lead whose
    fingerprint differs from the one the last refresh stored
    (int_leads__refreshed_inputs) is recomputed (int_leads__changed); new
    pageviews, forms and e-mails are found there by their checked_at. -#}
{#- The settings every lead is scored by: the scoring vars, and the SQL of
    the lead-keyed models (a new version of one recomputes every lead). -#}
{%- set scoring_settings = [] %}
{%- for name in ['mql_threshold', 'min_engagement_points', 'blog_visit_count', 'blog_visit_window_days'] %}
    {%- do scoring_settings.append(name ~ '=' ~ number_var(name)) %}
{%- endfor %}
{%- if execute %}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' %}
        {%- if 'delete_changed_leads' in (node.config.get('pre-hook', []) | map(attribute='sql') | join(' ')) %}
            {%- do scoring_settings.append(node.name ~ '=' ~ node.checksum.checksum[:16]) %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

with leads as (

    select
        lead_id,
        created_at,
        is_icp_industry,
        is_icp_company_size,
        has_decision_maker_title,
        is_wrong_geography,
        disqualification_reason
    from {{ ref('int_leads__enriched') }}

),

lead_visitors as (

    select
        lead_id,
        count(*) as visitor_count,
        {{ hash_sum('visitor_id') }} as visitor_hash_sum
    from {{ ref('int_visitors__lead_identity') }}
    group by lead_id

),

scoring as (

    {#- One hash for every lead, computed once. -#}
    select
        {{ dbt.hash(dbt.concat([
            sorted_text_list(composite_key(['rule_id', 'category', 'points', 'match_value']), ';'),
            "'|" ~ scoring_settings | join(',') ~ "'",
        ])) }} as scoring_hash
    from {{ ref('stg_seeds__scoring_rules') }}

),

final as (

    select
        leads.lead_id,
        {{ dbt.hash(composite_key([
            'leads.created_at',
            'leads.is_icp_industry',
            'leads.is_icp_company_size',
            'leads.has_decision_maker_title',
            'leads.is_wrong_geography',
            'leads.disqualification_reason',
            'lead_visitors.visitor_count',
            'lead_visitors.visitor_hash_sum',
            'scoring.scoring_hash',
        ])) }} as input_fingerprint
    from leads
    left join lead_visitors
        on leads.lead_id = lead_visitors.lead_id
    cross join scoring

)

select * from final
