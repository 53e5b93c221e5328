-- Sales-capacity arithmetic: 500 MQLs at 22 % MQL->SQL with 15 minutes per
-- review waste 390 leads = 97.5 hours; 10 deals at 25 % close and 20 %
-- MQL->SQL need 200 MQLs.
with cases as (

    select
        {{ wasted_review_hours(500, 0.22, 15) }} as wasted_hours,
        {{ wasted_review_leads(500, 0.22) }} as wasted_leads,
        {{ mqls_needed(10, 0.25, 0.20) }} as mqls_needed

)

select *
from cases
where
    abs(wasted_hours - 97.5) > 1e-9
    or abs(wasted_leads - 390) > 1e-9
    or abs(mqls_needed - 200) > 1e-9
