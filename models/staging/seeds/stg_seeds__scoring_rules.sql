{#- The scoring rules with text normalised and points typed: every reader of
    seed scoring_rules reads this model. -#}
with source as (

    select * from {{ ref('scoring_rules') }}

),

renamed as (

    select
        rule_id,
        {{ normalize_text('category') }} as category,
        cast(points as integer) as points,
        {{ normalize_text('match_value') }} as match_value,
        description
    from source

)

select * from renamed
