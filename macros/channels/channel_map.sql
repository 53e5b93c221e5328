{#- The channel of every (utm_source, utm_medium, referrer_host) of a
    relation (contract section 3): the first rule of seed channel_rules, in
    rule_order, that matches; referrer classes from seed referrer_hosts.
    `touches` names a relation (or CTE) with those three columns; the result
    has one row per distinct touch, with channel_rule_order and channel. The
    rules live in the seeds; this macro only evaluates them, for the lead
    and spend sources (int_channels__source_map) and for the visitors'
    monthly first touches alike. -#}
{% macro channel_map(touches) -%}
with channel_rules as (

    select
        rule_order,
        channel,
        medium_in,
        source_in,
        referrer_class
    from {{ ref('stg_seeds__channel_rules') }}

),

referrer_hosts as (

    select
        referrer_class,
        host_pattern,
        match_type
    from {{ ref('stg_seeds__referrer_hosts') }}

),

distinct_touches as (

    select distinct
        utm_source,
        utm_medium,
        referrer_host
    from {{ touches }}

),

referrer_classes as (

    select distinct
        hosts.referrer_host,
        referrer_hosts.referrer_class
    from (select distinct referrer_host from distinct_touches) as hosts
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
        distinct_touches.utm_source,
        distinct_touches.utm_medium,
        distinct_touches.referrer_host,
        min(channel_rules.rule_order) as rule_order
    from distinct_touches
    cross join channel_rules
    left join referrer_classes
        on
            distinct_touches.referrer_host = referrer_classes.referrer_host
            and channel_rules.referrer_class = referrer_classes.referrer_class
    where
        (channel_rules.medium_in = '*' or {{ in_pipe_list('distinct_touches.utm_medium', 'channel_rules.medium_in') }})
        and (channel_rules.source_in = '*' or {{ in_pipe_list('distinct_touches.utm_source', 'channel_rules.source_in') }})
        and (channel_rules.referrer_class = '*' or referrer_classes.referrer_class is not null)
    group by
        distinct_touches.utm_source,
        distinct_touches.utm_medium,
        distinct_touches.referrer_host

)

select
    matching_rules.utm_source,
    matching_rules.utm_medium,
    matching_rules.referrer_host,
    matching_rules.rule_order as channel_rule_order,
    channel_rules.channel
from matching_rules
inner join channel_rules
    on matching_rules.rule_order = channel_rules.rule_order
{%- endmacro %}
