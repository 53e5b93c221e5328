{#- Funnel milestones after mql_at, each reachable only after the one before:
    sales acceptance, opportunity, closed-won, and the first sales touch. -#}
with mqls as (

    select
        lead_id,
        mql_at
    from {{ ref('int_leads__scores') }}
    where mql_at is not null

),

sales_acceptances as (

    select
        lead_id,
        changed_at
    from {{ ref('int_crm_lead_status_changes__used') }}
    where new_status = '{{ var("sales_accepted_status") }}'

),

opportunities as (

    select
        lead_id,
        created_at,
        is_won,
        closed_at,
        amount,
        gross_margin_pct
    from {{ ref('int_crm_opportunities__used') }}

),

activities as (

    select
        lead_id,
        occurred_at
    from {{ ref('int_crm_activities__used') }}

),

sql_milestones as (

    select
        mqls.lead_id,
        min(sales_acceptances.changed_at) as sql_at
    from mqls
    inner join sales_acceptances
        on
            mqls.lead_id = sales_acceptances.lead_id
            and mqls.mql_at <= sales_acceptances.changed_at
    group by mqls.lead_id

),

opportunity_milestones as (

    select
        sql_milestones.lead_id,
        min(opportunities.created_at) as opportunity_at,
        min(case when opportunities.is_won then opportunities.closed_at end) as closed_won_at,
        sum(case when opportunities.is_won then opportunities.amount end) as won_amount,
        sum(
            case
                when opportunities.is_won and opportunities.gross_margin_pct is not null
                    then cast(opportunities.amount as {{ type_double() }})
            end
        ) as won_amount_with_margin,
        sum(
            case
                when opportunities.is_won
                    then cast(opportunities.amount as {{ type_double() }}) * opportunities.gross_margin_pct / 100.0
            end
        ) as won_gross_margin
    from sql_milestones
    inner join opportunities
        on
            sql_milestones.lead_id = opportunities.lead_id
            and sql_milestones.sql_at <= opportunities.created_at
    group by sql_milestones.lead_id

),

first_contacts as (

    select
        mqls.lead_id,
        min(activities.occurred_at) as first_contact_at
    from mqls
    inner join activities
        on
            mqls.lead_id = activities.lead_id
            and mqls.mql_at <= activities.occurred_at
    group by mqls.lead_id

),

final as (

    select
        mqls.lead_id,
        mqls.mql_at,
        sql_milestones.sql_at,
        opportunity_milestones.opportunity_at,
        opportunity_milestones.closed_won_at,
        first_contacts.first_contact_at,
        case
            when opportunity_milestones.closed_won_at is not null
                then cast(opportunity_milestones.won_amount as {{ type_money() }})
        end as won_amount,
        case
            when opportunity_milestones.closed_won_at is not null
                then opportunity_milestones.won_amount_with_margin
        end as won_amount_with_margin,
        case
            when opportunity_milestones.closed_won_at is not null
                then opportunity_milestones.won_gross_margin
        end as won_gross_margin,
        {{ seconds_between('mqls.mql_at', 'first_contacts.first_contact_at') }} / 60.0 as minutes_to_first_contact
    from mqls
    left join sql_milestones
        on mqls.lead_id = sql_milestones.lead_id
    left join opportunity_milestones
        on mqls.lead_id = opportunity_milestones.lead_id
    left join first_contacts
        on mqls.lead_id = first_contacts.lead_id

)

select * from final
