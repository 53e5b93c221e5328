{#- One row per canonical channel (seed channels) with its order and its
    display label (seed channel_labels; the channel itself when it has
    none): what BI tools and the dashboard read instead of the seeds. -#}
with channels as (

    select
        channel,
        channel_order
    from {{ ref('stg_seeds__channels') }}

),

channel_labels as (

    select
        channel,
        channel_label
    from {{ ref('stg_seeds__channel_labels') }}

),

final as (

    select
        channels.channel,
        channels.channel_order,
        coalesce(channel_labels.channel_label, channels.channel) as channel_label
    from channels
    left join channel_labels
        on channels.channel = channel_labels.channel

)

select * from final
