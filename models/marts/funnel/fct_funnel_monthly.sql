{#- The funnel per month: the channel-month funnel summed over channels,
    rates recomputed from the sums. -#}
with channel_months as (

    select * from {{ ref('fct_funnel_channel_monthly') }}

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
