{#- One row per lead whose running score ever reached nurture_floor, with
    nurture_started_at: the first effective_at at which it did. score_timeline
    names a relation shaped like fct_lead_score_timeline (lead_id,
    effective_at, running_score); the nurture marts pass their import CTE. -#}
{% macro nurture_entries(score_timeline) -%}
    select
        lead_id,
        min(effective_at) as nurture_started_at
    from {{ score_timeline }}
    where running_score >= {{ var('nurture_floor') }}
    group by lead_id
{%- endmacro %}
