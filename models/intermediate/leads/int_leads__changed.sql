{#- The leads whose lead-keyed rows this build recomputes (macro
    lead_keyed_config): those whose input fingerprint differs from the one
    the last refresh stored (new or gone leads, changed attributes, visitors
    moved between leads, changed rules or vars; every live lead before the
    first refresh), and those the pageviews, forms and e-mails checked since
    that refresh touch: the owners of the visitors with a new pageview or
    with a pageview naming a changed lead (its bucket follows that lead's
    state), and the leads the new rows name.

    The post-hook forgets these leads' fingerprints in
    int_leads__refreshed_inputs: should the build stop before it stores the
    new ones (a failed test on a target without write-audit-publish, or a
    selection without that model), the next build still finds them
    changed. -#}
{{ config(post_hook='{{ forget_changed_lead_inputs() }}') }}
-- depends_on: {{ ref('int_web_pageviews__checked') }}
-- depends_on: {{ ref('int_form_submissions__checked') }}
-- depends_on: {{ ref('int_email_events__checked') }}
-- depends_on: {{ ref('int_visitors__lead_identity') }}
{%- set refreshed = refreshed_lead_inputs_or_empty() %}
{#- Event rows checked since the last refresh; none before the first one
    (no stored fingerprints, a NULL time: every lead is new then). -#}
{%- set checked_since_last_refresh = 'checked_at > (select max(refreshed_at) from ' ~ refreshed ~ ')' %}

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

changed_inputs as (

    select
        coalesce(current_inputs.lead_id, refreshed_inputs.lead_id) as lead_id,
        current_inputs.lead_id is null or refreshed_inputs.lead_id is null as is_new_or_gone
    from current_inputs
    full outer join refreshed_inputs
        on current_inputs.lead_id = refreshed_inputs.lead_id
    where
        current_inputs.lead_id is null
        or refreshed_inputs.lead_id is null
        or refreshed_inputs.input_fingerprint is null
        or current_inputs.input_fingerprint <> refreshed_inputs.input_fingerprint

),

new_pageviews as (

    select
        visitor_id,
        lead_id
    from {{ ref('int_web_pageviews__checked') }}
    where {{ checked_since_last_refresh }}

),

touched_visitors as (

    {#- The visitors of the new pageviews, and of the pageviews naming a lead
        that went live or stopped being live (new, deleted, orphan): that
        changes their bucket. -#}
    select visitor_id
    from new_pageviews
    union
    select pageviews.visitor_id
    from {{ ref('int_web_pageviews__checked') }} as pageviews
    inner join changed_inputs
        on pageviews.lead_id = changed_inputs.lead_id
    where
        changed_inputs.is_new_or_gone
        and exists (select 1 from {{ refreshed }})

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
    select lead_id
    from {{ ref('int_form_submissions__checked') }}
    where {{ checked_since_last_refresh }}
    union
    select lead_id
    from {{ ref('int_email_events__checked') }}
    where {{ checked_since_last_refresh }}

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
