{#- The used rows of raw.program_costs (contract section 5): valid, first of
    their key, naming a live lead where they name one. -#}
with final as (

    select
        cost_month,
        channel,
        cost
    from {{ ref('int_audit__program_costs') }}
    where row_bucket = 'used'

)

select * from final
