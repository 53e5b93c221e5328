{#- Maps every (source, medium, referrer host) that a lead, a visitor-month or
    a spend row carries to its channel: the first rule of seed channel_rules
    that matches wins. Rules are data; this model only evaluates them. -#}
with channel_rules as (

    select
        rule_order,
        channel,
        replace({{ normalize_text('medium_in') }}, ' ', '') as medium_in,
        replace({{ normalize_text('source_in') }}, ' ', '') as source_in,
        {{ normalize_text('referrer_class') }} as referrer_class
    from {{ ref('channel_rules') }}

),

referrer_hosts as (

    select
        {{ normalize_text('referrer_class') }} as referrer_class,
        {{ normalize_text('host_pattern') }} as host_pattern,
        {{ normalize_text('match_type') }} as match_type
    from {{ ref('referrer_hosts') }}

),

lead_touches as (

    select
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_audit__crm_leads') }}
    where row_bucket = 'used'

),

visitor_touches as (

    select
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_visitors__monthly_first_touch') }}

),

spend_touches as (

    select
        utm_source,
        utm_medium,
        referrer_host
    from {{ ref('int_audit__ad_spend') }}
    where row_bucket = 'used'

),

touches as (

    select
        utm_source,
        utm_medium,
        referrer_host
    from lead_touches
    union
    select
        utm_source,
        utm_medium,
        referrer_host
    from visitor_touches
    union
    select
        utm_source,
        utm_medium,
        referrer_host
    from spend_touches

),

referrer_classes as (

    select distinct
        hosts.referrer_host,
        referrer_hosts.referrer_class
    from (select distinct referrer_host from touches) as hosts
    inner join referrer_hosts
        on (
            referrer_hosts.match_type = 'domain'
            and (
                hosts.referrer_host = referrer_hosts.host_pattern
                or {{ dbt.right('hosts.referrer_host', dbt.length('referrer_hosts.host_pattern') ~ ' + 1') }}
                = {{ dbt.concat(["'.'", 'referrer_hosts.host_pattern']) }}
            )
        )
        or (
            referrer_hosts.match_type = 'prefix'
            and left(hosts.referrer_host, {{ dbt.length('referrer_hosts.host_pattern') }})
            = referrer_hosts.host_pattern
        )

    union all

    select
        '' as referrer_host,
        'empty' as referrer_class

),

matching_rules as (

    select
        touches.utm_source,
        touches.utm_medium,
        touches.referrer_host,
        min(channel_rules.rule_order) as rule_order
    from touches
    cross join channel_rules
    left join referrer_classes
        on
            touches.referrer_host = referrer_classes.referrer_host
            and channel_rules.referrer_class = referrer_classes.referrer_class
    where
        (channel_rules.medium_in = '*' or {{ in_pipe_list('touches.utm_medium', 'channel_rules.medium_in') }})
        and (channel_rules.source_in = '*' or {{ in_pipe_list('touches.utm_source', 'channel_rules.source_in') }})
        and (channel_rules.referrer_class = '*' or referrer_classes.referrer_class is not null)
    group by
        touches.utm_source,
        touches.utm_medium,
        touches.referrer_host

),

final as (

    select
        matching_rules.utm_source,
        matching_rules.utm_medium,
        matching_rules.referrer_host,
        matching_rules.rule_order as channel_rule_order,
        channel_rules.channel
    from matching_rules
    inner join channel_rules
        on matching_rules.rule_order = channel_rules.rule_order

)

select * from final
