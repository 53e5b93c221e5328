{#- Helpers of the revenue-insight marts (models/marts/insights). -#}

{#- The exact median of a column, as an aggregate, on every adapter. -#}
{% macro median_of(column) -%}
    {{ return(adapter.dispatch('median_of', 'mql_funnel')(column)) }}
{%- endmacro %}

{% macro default__median_of(column) -%}
    percentile_cont(0.5) within group (order by {{ column }})
{%- endmacro %}

{% macro spark__median_of(column) -%}
    percentile({{ column }}, 0.5)
{%- endmacro %}

{#- below / within / above an inclusive range; NULL when the value is NULL. -#}
{% macro range_status(value, range_min, range_max) -%}
    case
        when {{ value }} is null then null
        when {{ value }} < {{ range_min }} then 'below'
        when {{ value }} > {{ range_max }} then 'above'
        else 'within'
    end
{%- endmacro %}

{#- A number rounded to a whole number, as text ('74'). -#}
{% macro whole_number_text(expression) -%}
    cast(cast(round({{ expression }}) as integer) as {{ dbt.type_string() }})
{%- endmacro %}

{#- The most points the rules of stg_seeds__scoring_rules can award, over
    every rule (category=none) or one category: the sum of the positive
    points. -#}
{% macro max_rule_points(category=none) -%}
    sum(
        case
            when points > 0{% if category %} and category = '{{ category }}'{% endif %}
                then points
            else 0
        end
    )
{%- endmacro %}
