with channel_months as (

    select * from {{ ref('int_funnel__channel_months') }}

),

months as (

    select
        month,
        {%- for measure in funnel_measures() %}
            cast(sum({{ measure }}) as {{ funnel_measure_type(measure) }})
                as {{ measure }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from channel_months
    group by month

),

final as (

    select
        month,
        {%- for measure in funnel_measures() %}
            {{ measure }},
        {%- endfor %}
        {{- funnel_rates() }}
    from months

)

select * from final
