{#- Engagement rules fire once per lead, at the first qualifying occurrence;
    the value each rule matches (path segment, form type, asset type, e-mail
    event type) is the rule's match_value in seed scoring_rules. -#}
{{ lead_keyed_config() }}
-- depends_on: {{ ref('int_leads__changed') }}

with scoring_rules as (

    select
        rule_id,
        match_value
    from {{ ref('stg_seeds__scoring_rules') }}
    where category = 'engagement'

),

leads as (

    select
        lead_id,
        created_at
    from {{ ref('int_leads__enriched') }}
    {{ only_changed_leads() }}

),

visitor_leads as (

    select
        visitor_id,
        lead_id
    from {{ ref('int_visitors__lead_identity') }}
    {{ only_changed_leads() }}

),

sectioned_pageviews as (

    select
        visitor_id,
        pageview_id,
        occurred_at,
        case
            when page_path_clean like '/%' then {{ dbt.split_part('page_path_clean', "'/'", 2) }}
        end as page_section
    from {{ ref('int_web_pageviews__used') }}

),

lead_pageviews as (

    select
        visitor_leads.lead_id,
        sectioned_pageviews.pageview_id,
        sectioned_pageviews.occurred_at,
        scoring_rules.rule_id
    from sectioned_pageviews
    inner join scoring_rules
        on
            sectioned_pageviews.page_section = scoring_rules.match_value
            and scoring_rules.rule_id in ('pricing_page_visit', 'blog_visits_3_in_7d')
    inner join visitor_leads
        on sectioned_pageviews.visitor_id = visitor_leads.visitor_id

),

pricing_page_visits as (

    select
        lead_id,
        rule_id,
        occurred_at
    from lead_pageviews
    where rule_id = 'pricing_page_visit'

),

blog_visits as (

    {#- A blog pageview at t completes a burst when the pageview
        blog_visit_count - 1 places before it (in time order) is no older
        than t minus the window. -#}
    select
        lead_id,
        rule_id,
        occurred_at,
        lag(occurred_at, {{ number_var('blog_visit_count') - 1 }}) over (
            partition by lead_id
            order by occurred_at, pageview_id
        ) as burst_started_at
    from lead_pageviews
    where rule_id = 'blog_visits_3_in_7d'

),

blog_bursts as (

    select
        lead_id,
        rule_id,
        occurred_at
    from blog_visits
    where burst_started_at >= {{ dbt.dateadd('day', -1 * number_var('blog_visit_window_days'), 'occurred_at') }}

),

form_submissions as (

    select
        lead_id,
        form_type,
        asset_type,
        submitted_at
    from {{ ref('int_form_submissions__used') }}
    {{ only_changed_leads() }}

),

demo_requests as (

    select
        form_submissions.lead_id,
        scoring_rules.rule_id,
        form_submissions.submitted_at as occurred_at
    from form_submissions
    inner join scoring_rules
        on
            form_submissions.form_type = scoring_rules.match_value
            and scoring_rules.rule_id = 'demo_request'

),

case_study_downloads as (

    select
        form_submissions.lead_id,
        scoring_rules.rule_id,
        form_submissions.submitted_at as occurred_at
    from form_submissions
    inner join scoring_rules
        on
            form_submissions.asset_type = scoring_rules.match_value
            and scoring_rules.rule_id = 'case_study_download'
    where form_submissions.form_type = 'content_download'

),

email_replies as (

    select
        email_events.lead_id,
        scoring_rules.rule_id,
        email_events.occurred_at
    from {{ ref('int_email_events__used') }} as email_events
    inner join scoring_rules
        on
            email_events.event_type = scoring_rules.match_value
            and scoring_rules.rule_id = 'email_reply'
    {{ only_changed_leads('email_events.lead_id') }}

),

occurrences as (

    select
        lead_id,
        rule_id,
        occurred_at
    from pricing_page_visits
    union all
    select
        lead_id,
        rule_id,
        occurred_at
    from blog_bursts
    union all
    select
        lead_id,
        rule_id,
        occurred_at
    from demo_requests
    union all
    select
        lead_id,
        rule_id,
        occurred_at
    from case_study_downloads
    union all
    select
        lead_id,
        rule_id,
        occurred_at
    from email_replies

),

first_occurrences as (

    select
        lead_id,
        rule_id,
        min(occurred_at) as occurred_at
    from occurrences
    group by lead_id, rule_id

),

final as (

    select
        first_occurrences.lead_id,
        first_occurrences.rule_id,
        first_occurrences.occurred_at,
        greatest(first_occurrences.occurred_at, leads.created_at) as effective_at
    from first_occurrences
    inner join leads
        on first_occurrences.lead_id = leads.lead_id

)

select * from final
