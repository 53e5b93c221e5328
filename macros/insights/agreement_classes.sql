{#- A cross-check mart's body: one row per agreement class of `comparison`
    (a relation with agreement and lag_hours per lead) with its leads, its
    share (named `share_column`) of the leads either side calls it, and the
    median, smallest and largest lag and the leads within a day. Ends in the
    final CTE; used by fct_hubspot_mql_agreement and
    fct_salesforce_sql_agreement. -#}
{% macro agreement_classes(comparison, share_column) -%}
classes as (

    select
        agreement,
        count(*) as leads,
        {{ median_of('lag_hours') }} as median_lag_hours,
        min(lag_hours) as min_lag_hours,
        max(lag_hours) as max_lag_hours,
        sum(case when lag_hours between -24 and 24 then 1 else 0 end) as within_a_day_leads
    from {{ comparison }}
    group by agreement

),

final as (

    select
        agreement,
        cast(leads as {{ dbt.type_bigint() }}) as leads,
        case
            when agreement = 'neither' then null
            else {{ safe_divide('leads', "sum(case when agreement <> 'neither' then leads else 0 end) over ()") }}
        end as {{ share_column }},
        cast(median_lag_hours as {{ type_double() }}) as median_lag_hours,
        cast(min_lag_hours as {{ type_double() }}) as min_lag_hours,
        cast(max_lag_hours as {{ type_double() }}) as max_lag_hours,
        cast(within_a_day_leads as {{ dbt.type_bigint() }}) as within_a_day_leads
    from classes

)
{%- endmacro %}
