{#- Channel rules as they are matched: pipe lists lower-cased without spaces,
    '*' for any value. -#}
with source as (

    select * from {{ ref('channel_rules') }}

),

renamed as (

    select
        rule_order,
        channel,
        replace({{ normalize_text('medium_in') }}, ' ', '') as medium_in,
        replace({{ normalize_text('source_in') }}, ' ', '') as source_in,
        {{ normalize_text('referrer_class') }} as referrer_class
    from source

)

select * from renamed
