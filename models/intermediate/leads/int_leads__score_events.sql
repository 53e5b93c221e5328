{#- Every rule fired per live lead, with its category and points from seed
    scoring_rules: the ledger that explains each lead's score. -#}
{{ lead_keyed_config() }}
-- depends_on: {{ ref('int_leads__changed') }}

with fired_rules as (

    select
        lead_id,
        rule_id,
        occurred_at,
        effective_at
    from {{ ref('int_leads__fit_score_events') }}
    {{ only_changed_leads() }}

    union all

    select
        lead_id,
        rule_id,
        occurred_at,
        effective_at
    from {{ ref('int_leads__engagement_score_events') }}
    {{ only_changed_leads() }}

),

scoring_rules as (

    select
        rule_id,
        category,
        points
    from {{ ref('stg_seeds__scoring_rules') }}

),

final as (

    select
        fired_rules.lead_id,
        fired_rules.rule_id,
        scoring_rules.category,
        scoring_rules.points,
        fired_rules.occurred_at,
        fired_rules.effective_at
    from fired_rules
    inner join scoring_rules
        on fired_rules.rule_id = scoring_rules.rule_id

)

select * from final
