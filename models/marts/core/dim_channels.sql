{#- One row per canonical channel (seed channels) with its order and its
    display label (seed channel_labels; when it has none, the channel with
    spaces for underscores): what BI tools, the dashboard and the sentences
    of fct_mql_to_sql_rate_change read instead of the seeds. -#}
with final as (

    select
        channels.channel,
        channels.channel_order,
        coalesce(
            channel_labels.channel_label,
            {{ dbt.replace('channels.channel', "'_'", "' '") }}
        ) as channel_label
    from {{ ref('stg_seeds__channels') }} as channels
    left join {{ ref('stg_seeds__channel_labels') }} as channel_labels
        on channels.channel = channel_labels.channel

)

select * from final
