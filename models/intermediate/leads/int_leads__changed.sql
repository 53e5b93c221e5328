{#- The leads whose lead-keyed rows this build recomputes (macro
    lead_keyed_config): those whose input fingerprint differs from the one
    the last refresh stored (new or gone leads, changed attributes, visitors
    moved between leads, changed rules or vars; every live lead before the
    first refresh), and those the pageviews, forms and e-mails checked since
    that refresh touch: the owners of the visitors with a new pageview or
    with a pageview naming a changed lead (its bucket follows that lead's
    state), and the leads the new rows name.

    The post-hook drops these leads from int_leads__refreshed_inputs: should
    the build stop before it stores the new fingerprints (a failed test on
    a target without write-audit-publish), the next build still finds them
    changed. -#}
{{ config(post_hook='{{ forget_changed_lead_inputs() }}') }}
-- depends_on: {{ ref('int_web_pageviews__checked') }}
-- depends_on: {{ ref('int_form_submissions__checked') }}
-- depends_on: {{ ref('int_email_events__checked') }}
-- depends_on: {{ ref('int_visitors__lead_identity') }}
{%- set refreshed = refreshed_lead_inputs_or_empty() %}

with current_inputs as (

    select
        lead_id,
        input_fingerprint
    from {{ ref('int_leads__input_fingerprints') }}

),

refreshed_inputs as (

    select
        lead_id,
        input_fingerprint
    from {{ refreshed }}

),

last_refresh as (

    select coalesce(max(refreshed_at), cast('0001-01-01' as {{ dbt.type_timestamp() }})) as refreshed_at
    from {{ refreshed }}

),

changed_inputs as (

    select coalesce(current_inputs.lead_id, refreshed_inputs.lead_id) as lead_id
    from current_inputs
    full outer join refreshed_inputs
        on current_inputs.lead_id = refreshed_inputs.lead_id
    where
        current_inputs.lead_id is null
        or refreshed_inputs.lead_id is null
        or current_inputs.input_fingerprint <> refreshed_inputs.input_fingerprint

),

new_pageviews as (

    select
        pageviews.visitor_id,
        pageviews.lead_id
    from {{ ref('int_web_pageviews__checked') }} as pageviews
    inner join last_refresh
        on pageviews.checked_at > last_refresh.refreshed_at

),

touched_visitors as (

    select visitor_id
    from new_pageviews
    union
    select pageviews.visitor_id
    from {{ ref('int_web_pageviews__checked') }} as pageviews
    inner join changed_inputs
        on pageviews.lead_id = changed_inputs.lead_id

),

event_leads as (

    select identity.lead_id
    from {{ ref('int_visitors__lead_identity') }} as identity
    inner join touched_visitors
        on identity.visitor_id = touched_visitors.visitor_id
    union
    select lead_id
    from new_pageviews
    union
    select form_submissions.lead_id
    from {{ ref('int_form_submissions__checked') }} as form_submissions
    inner join last_refresh
        on form_submissions.checked_at > last_refresh.refreshed_at
    union
    select email_events.lead_id
    from {{ ref('int_email_events__checked') }} as email_events
    inner join last_refresh
        on email_events.checked_at > last_refresh.refreshed_at

),

final as (

    select lead_id
    from changed_inputs
    union
    select lead_id
    from event_leads
    where lead_id is not null

)

select * from final
