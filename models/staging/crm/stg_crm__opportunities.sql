with source as (

    select * from {{ source('crm', 'crm_opportunities') }}

),

renamed as (

    select
        {{ clean_id('opportunity_id') }} as opportunity_id,
        {{ clean_id('lead_id') }} as lead_id,
        cast(created_at as timestamp) as created_at,
        {{ normalize_text('stage') }} as stage,
        coalesce(cast(is_closed as boolean), false) as is_closed,
        coalesce(cast(is_won as boolean), false) as is_won,
        cast(closed_at as timestamp) as closed_at,
        cast(amount as decimal(18, 2)) as amount,
        cast(gross_margin_pct as {{ type_double() }}) as gross_margin_pct
    from source

)

select * from renamed
