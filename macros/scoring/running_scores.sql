{#- Every lead's running scores after each instant at which a rule took
    effect. Rules sharing an instant count together (one step), so a tie at
    the instant the threshold is crossed crosses at that instant.
    score_events names a relation with lead_id, category, points and
    effective_at (int_leads__scores and fct_lead_score_timeline pass their
    import CTE). -#}
{% macro running_scores(score_events) -%}
    {%- set running_total = 'partition by lead_id order by effective_at rows between unbounded preceding and current row' -%}
    select
        lead_id,
        effective_at,
        rules_fired,
        points_added,
        sum(fit_points_added) over ({{ running_total }}) as running_fit_score,
        sum(engagement_points_added) over ({{ running_total }}) as running_engagement_score,
        sum(points_added) over ({{ running_total }}) as running_score
    from (
        select
            lead_id,
            effective_at,
            count(*) as rules_fired,
            sum(points) as points_added,
            sum(case when category = 'fit' then points else 0 end) as fit_points_added,
            sum(case when category = 'engagement' then points else 0 end) as engagement_points_added
        from {{ score_events }}
        group by lead_id, effective_at
    ) as score_steps
{%- endmacro %}
