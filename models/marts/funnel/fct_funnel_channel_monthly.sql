with channel_months as (

    select * from {{ ref('int_funnel__channel_months') }}

),

final as (

    select
        month,
        channel,
        {%- for measure in funnel_measures() %}
            {{ measure }},
        {%- endfor %}
        {{- funnel_rates() }}
    from channel_months

)

select * from final
