{#- Every live lead's running scores after each instant at which a rule took
    effect: the one place the running score is computed. Rules sharing an
    instant count together (one step), so a tie at the instant the
    threshold is crossed crosses at that instant. int_leads__scores (mql_at),
    fct_lead_score_timeline, the threshold sweep, the nurture entries and
    the analysis lead_score_timeline all read it. -#}
{{ lead_keyed_config() }}
-- depends_on: {{ ref('int_leads__changed') }}

with score_events as (

    select
        lead_id,
        category,
        points,
        effective_at
    from {{ ref('int_leads__score_events') }}
    {{ only_changed_leads() }}

),

score_steps as (

    select
        lead_id,
        effective_at,
        cast(sum(points) as integer) as points_added,
        cast(sum(case when category = 'fit' then points else 0 end) as integer) as fit_points_added,
        cast(sum(case when category = 'engagement' then points else 0 end) as integer) as engagement_points_added,
        count(*) as rules_fired
    from score_events
    group by lead_id, effective_at

),

final as (

    {%- set running_total = 'partition by lead_id order by effective_at'
        ~ ' rows between unbounded preceding and current row' %}

    select
        lead_id,
        effective_at,
        rules_fired,
        points_added,
        fit_points_added,
        engagement_points_added,
        cast(sum(fit_points_added) over ({{ running_total }}) as integer) as running_fit_score,
        cast(sum(engagement_points_added) over ({{ running_total }}) as integer) as running_engagement_score,
        cast(sum(points_added) over ({{ running_total }}) as integer) as running_score
    from score_steps

)

select * from final
