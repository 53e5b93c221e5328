-- Summed over channels, every count and spend equals fct_funnel_monthly, and
-- every canonical channel appears in every month.
with channel_totals as (

    select
        month,
        count(*) as channel_rows,
        {%- for measure in funnel_measures() %}
            sum({{ measure }}) as {{ measure }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ ref('fct_funnel_channel_monthly') }}
    group by month

),

canonical_channels as (

    select count(*) as channel_count from {{ ref('stg_seeds__channels') }}

),

monthly as (

    select * from {{ ref('fct_funnel_monthly') }}

)

select monthly.month
from monthly
full outer join channel_totals
    on monthly.month = channel_totals.month
cross join canonical_channels
where
    monthly.month is null
    or channel_totals.month is null
    or channel_totals.channel_rows <> canonical_channels.channel_count
    {%- for measure in funnel_measures() %}
        or channel_totals.{{ measure }} <> monthly.{{ measure }}
    {%- endfor %}
