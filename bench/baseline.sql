-- Hand-written raw-SQL baseline: the four main marts straight from raw.*,
-- in one DuckDB process, per ../shared/CONTRACT.md with the contract's
-- default settings and lists (no seeds, no dbt). `mqlfunnel bench` times it
-- on the same data as the dbt build and compares it with the marts row by
-- row, so it is also an independent check of the dbt models.
--
-- Writes baseline.dim_leads, baseline.fct_lead_score_events,
-- baseline.fct_funnel_monthly and baseline.fct_funnel_channel_monthly.
-- Where the contract is silent it follows the README's choices: ids trimmed
-- (empty = NULL), the required values listed there, the earliest row kept
-- among rows sharing an id (by timestamp, then the other columns), the
-- latest updated_at (NULL last) among lead versions.

create schema if not exists baseline;

-- The channel of (source, medium, referrer host), all lower(trim())'d, NULL
-- as '' (contract section 3).
create or replace temp macro b_channel(src, med, ref) as case
    when med in ('paid_social', 'paidsocial', 'social_paid', 'social-paid') then 'paid_social'
    when med in ('cpc', 'ppc', 'paid')
        and src in ('linkedin', 'facebook', 'fb', 'meta', 'instagram', 'twitter', 'x', 'reddit', 'tiktok')
        then 'paid_social'
    when med in ('cpc', 'ppc', 'paid', 'paid_search', 'paidsearch') then 'paid_search'
    when med in ('webinar', 'event', 'events', 'conference', 'tradeshow', 'trade_show') then 'events_webinars'
    when med in ('referral', 'partner', 'affiliate') then 'referral_partner'
    when med in ('email', 'e-mail', 'newsletter') then 'email'
    when med in ('organic', 'seo') then 'organic_search'
    when med in ('social', 'organic_social') then 'organic_social'
    when med = '' and (
        regexp_matches(ref, '(^|\.)(google\.com|bing\.com|duckduckgo\.com|yahoo\.com|baidu\.com|yandex\.com|ecosia\.org)$')
        or starts_with(ref, 'google.') or starts_with(ref, 'www.google.')
    ) then 'organic_search'
    when med = '' and regexp_matches(
        ref, '(^|\.)(linkedin\.com|lnkd\.in|facebook\.com|t\.co|twitter\.com|x\.com|instagram\.com|reddit\.com|youtube\.com)$'
    ) then 'organic_social'
    when med = '' and ref = '' then 'direct'
    when med = '' then 'referral_partner'
    else 'other'
end;

create or replace temp macro b_norm(x) as lower(trim(coalesce(x, '')));
create or replace temp macro b_id(x) as nullif(trim(x), '');
create or replace temp macro b_month(ts) as cast(date_trunc('month', ts) as date);

-- The funnel rates of a table of counts (visitors ... customers, spend).
create or replace temp macro b_with_rates(counts) as table
select
    *,
    mqls / nullif(visitors, 0)::double as visitor_to_mql_rate,
    mqls / nullif(attendees, 0)::double as attendee_to_mql_rate,
    sqls / nullif(mqls, 0)::double as mql_to_sql_rate,
    opportunities / nullif(sqls, 0)::double as sql_to_opportunity_rate,
    customers / nullif(opportunities, 0)::double as opportunity_to_customer_rate,
    customers / nullif(mqls, 0)::double as mql_to_customer_rate,
    spend / nullif(mqls, 0)::double as cost_per_mql,
    spend / nullif(customers, 0)::double as cost_per_customer
from query_table(counts);

-- Leads: the kept version of every lead id among rows with an id and a
-- created_at; live = not deleted on that version.
create or replace temp table b_kept_leads as
with versions as (
    select
        b_id(lead_id) as lead_id,
        nullif(b_norm(email), '') as email,
        job_title,
        trim(regexp_replace(b_norm(job_title), '[^a-z0-9]+', ' ', 'g')) as title_words,
        company_name,
        b_norm(industry) as industry,
        employee_count,
        upper(trim(coalesce(country, ''))) as country_code,
        b_norm(original_utm_source) as src,
        b_norm(original_utm_medium) as med,
        b_norm(original_referrer_host) as ref,
        created_at,
        updated_at,
        coalesce(is_deleted, false) as is_deleted
    from raw.crm_leads
)
select *
from versions
where lead_id is not null and created_at is not null
qualify row_number() over (
    partition by lead_id
    order by updated_at desc nulls last, created_at desc, email, job_title, company_name, country_code, employee_count
) = 1;

create or replace temp table b_leads as
with live as (
    select * from b_kept_leads where not is_deleted
),
parsed as (
    select
        *,
        split_part(email, '@', 2) as email_host,
        email is not null
        and length(email) - length(replace(email, '@', '')) = 1
        and split_part(email, '@', 1) <> ''
        and position('.' in split_part(email, '@', 2)) > 0 as valid_email,
        regexp_matches(
            title_words,
            '(^| )(chief|ceo|cfo|cto|cmo|cro|coo|cio|ciso|vp|svp|evp|vice president|head|director|founder|cofounder|president)( |$)'
        ) as decision_maker,
        regexp_matches(title_words, '(^| )student( |$)') as student
    from live
)
select
    lead_id,
    created_at,
    b_channel(src, med, ref) as channel,
    case when valid_email then email_host end as email_domain,
    industry in ('software', 'saas', 'information technology', 'fintech', 'financial services') as icp_industry,
    coalesce(employee_count between 50 and 5000, false) as company_size,
    decision_maker,
    country_code <> ''
    and country_code not in ('US', 'CA', 'GB', 'IE', 'DE', 'FR', 'NL', 'SE', 'DK', 'NO', 'FI', 'AU', 'NZ') as wrong_geography,
    case
        when not valid_email then 'invalid_email'
        when email_host in (
            'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'outlook.com', 'live.com',
            'msn.com', 'aol.com', 'icloud.com', 'proton.me', 'protonmail.com', 'gmx.com', 'mail.com', 'yandex.com'
        ) then 'free_email_domain'
        when student then 'student'
    end as disqualification_reason
from parsed;

-- Pageviews kept and used: id, visitor and time set; the first row of each
-- pageview id (occurred_at, visitor, lead, path); anonymous or naming a
-- live lead. Only ids seen twice are ranked.
create or replace temp table b_pageviews as
with valid as (
    select
        b_id(pageview_id) as pageview_id,
        b_id(visitor_id) as visitor_id,
        b_id(lead_id) as lead_id,
        occurred_at,
        page_path,
        b_norm(utm_source) as src,
        b_norm(utm_medium) as med,
        b_norm(referrer_host) as ref
    from raw.web_pageviews
    where b_id(pageview_id) is not null and b_id(visitor_id) is not null and occurred_at is not null
),
repeated as (
    select pageview_id from valid group by pageview_id having count(*) > 1
),
kept as (
    select * from valid anti join repeated using (pageview_id)
    union all
    select * from (
        select * from valid semi join repeated using (pageview_id)
        qualify row_number() over (partition by pageview_id order by occurred_at, visitor_id, lead_id, page_path) = 1
    )
)
select kept.*
from kept
left join b_kept_leads as leads on kept.lead_id = leads.lead_id
where kept.lead_id is null or not leads.is_deleted;

-- Visitor identity: the lead of the latest identified pageview (ties: largest id).
create or replace temp table b_identity as
select visitor_id, arg_max(lead_id, (occurred_at, pageview_id)) as lead_id
from b_pageviews
where lead_id is not null
group by visitor_id;

-- Form submissions kept (the first valid row per id) and naming a live lead.
create or replace temp table b_form_submissions as
with valid as (
    select
        b_id(submission_id) as submission_id,
        b_id(lead_id) as lead_id,
        b_norm(form_type) as form_type,
        b_norm(asset_type) as asset_type,
        submitted_at
    from raw.form_submissions
    where b_id(submission_id) is not null and b_id(lead_id) is not null and submitted_at is not null
)
select *
from (
    select * from valid
    qualify row_number() over (partition by submission_id order by submitted_at, lead_id, form_type, asset_type) = 1
)
semi join b_leads using (lead_id);

-- E-mail replies only: ranking among repeated ids still reads every row with
-- a repeated id, since the kept copy decides whether a reply counts.
create or replace temp table b_email_replies as
with valid as (
    select
        b_id(email_event_id) as email_event_id,
        b_id(lead_id) as lead_id,
        b_norm(event_type) as event_type,
        occurred_at
    from raw.email_events
    where b_id(email_event_id) is not null and b_id(lead_id) is not null and occurred_at is not null
),
repeated as (
    select email_event_id from valid group by email_event_id having count(*) > 1
),
kept as (
    select * from valid anti join repeated using (email_event_id) where event_type = 'reply'
    union all
    select * from (
        select * from valid semi join repeated using (email_event_id)
        qualify row_number() over (partition by email_event_id order by occurred_at, lead_id, event_type) = 1
    ) where event_type = 'reply'
)
select lead_id, min(occurred_at) as occurred_at
from kept
semi join b_leads using (lead_id)
group by lead_id;

-- Rules fired: fit at created_at; engagement at the first qualifying occurrence.
create or replace table baseline.fct_lead_score_events as
with lead_pageviews as (
    select
        identity.lead_id,
        pageviews.pageview_id,
        pageviews.occurred_at,
        split_part(split_part(b_norm(pageviews.page_path), '?', 1), '#', 1) as path
    from b_pageviews as pageviews
    inner join b_identity as identity on pageviews.visitor_id = identity.visitor_id
),
pricing as (
    select lead_id, 'pricing_page_visit' as rule_id, min(occurred_at) as occurred_at
    from lead_pageviews
    where path = '/pricing' or starts_with(path, '/pricing/')
    group by lead_id
),
blog_pageviews as (
    select
        lead_id,
        occurred_at,
        lag(occurred_at, 2) over (partition by lead_id order by occurred_at, pageview_id) as two_before
    from lead_pageviews
    where path = '/blog' or starts_with(path, '/blog/')
),
blog as (
    select lead_id, 'blog_visits_3_in_7d' as rule_id, min(occurred_at) as occurred_at
    from blog_pageviews
    where two_before >= occurred_at - interval 7 day
    group by lead_id
),
forms as (
    select lead_id, 'demo_request' as rule_id, min(submitted_at) as occurred_at
    from b_form_submissions
    where form_type = 'demo_request'
    group by lead_id
    union all
    select lead_id, 'case_study_download' as rule_id, min(submitted_at) as occurred_at
    from b_form_submissions
    where form_type = 'content_download' and asset_type = 'case_study'
    group by lead_id
),
engagement as (
    select * from pricing
    union all select * from blog
    union all select * from forms
    union all select lead_id, 'email_reply', occurred_at from b_email_replies
),
fit as (
    select lead_id, 'icp_industry' as rule_id, created_at as occurred_at from b_leads where icp_industry
    union all select lead_id, 'company_size', created_at from b_leads where company_size
    union all select lead_id, 'decision_maker_title', created_at from b_leads where decision_maker
    union all select lead_id, 'wrong_geography', created_at from b_leads where wrong_geography
),
rule_points (rule_id, category, points) as (
    values
        ('icp_industry', 'fit', 20), ('company_size', 'fit', 15), ('decision_maker_title', 'fit', 15),
        ('wrong_geography', 'fit', -20), ('pricing_page_visit', 'engagement', 15), ('demo_request', 'engagement', 30),
        ('case_study_download', 'engagement', 10), ('blog_visits_3_in_7d', 'engagement', 8),
        ('email_reply', 'engagement', 12)
)
select
    fired.lead_id,
    fired.rule_id,
    rule_points.category,
    cast(rule_points.points as integer) as points,
    fired.occurred_at,
    greatest(fired.occurred_at, leads.created_at) as effective_at
from (select * from fit union all select * from engagement) as fired
inner join b_leads as leads on fired.lead_id = leads.lead_id
inner join rule_points on fired.rule_id = rule_points.rule_id;

-- Scores, mql_at and the milestones after it.
create or replace table baseline.dim_leads as
with steps as (
    select
        lead_id,
        effective_at,
        sum(points) as points,
        sum(case when category = 'engagement' then points else 0 end) as engagement_points
    from baseline.fct_lead_score_events
    group by lead_id, effective_at
),
crossings as (
    select lead_id, min(effective_at) as crossed_at
    from (
        select
            lead_id,
            effective_at,
            sum(points) over (partition by lead_id order by effective_at) as running_score,
            sum(engagement_points) over (partition by lead_id order by effective_at) as running_engagement
        from steps
    )
    where running_score >= 50 and running_engagement >= 1
    group by lead_id
),
totals as (
    select
        lead_id,
        sum(case when category = 'fit' then points else 0 end) as fit_score,
        sum(case when category = 'engagement' then points else 0 end) as engagement_score,
        sum(points) as lead_score
    from baseline.fct_lead_score_events
    group by lead_id
),
scored as (
    select
        leads.*,
        cast(coalesce(totals.fit_score, 0) as integer) as fit_score,
        cast(coalesce(totals.engagement_score, 0) as integer) as engagement_score,
        cast(coalesce(totals.lead_score, 0) as integer) as lead_score,
        case when leads.disqualification_reason is null then crossings.crossed_at end as mql_at
    from b_leads as leads
    left join totals on leads.lead_id = totals.lead_id
    left join crossings on leads.lead_id = crossings.lead_id
),
acceptances as (
    select b_id(lead_id) as lead_id, changed_at
    from raw.crm_lead_status_changes
    where b_id(status_change_id) is not null and b_id(lead_id) is not null and changed_at is not null
    qualify
        row_number() over (partition by b_id(status_change_id) order by changed_at, b_id(lead_id), b_norm(new_status)) = 1
        and b_norm(new_status) = 'sales_accepted'
),
opportunities as (
    select b_id(lead_id) as lead_id, created_at, coalesce(is_won, false) as is_won, closed_at, amount
    from raw.crm_opportunities
    where
        b_id(opportunity_id) is not null and b_id(lead_id) is not null and created_at is not null
        and not (coalesce(is_won, false) and closed_at is null)
    qualify row_number() over (partition by b_id(opportunity_id) order by created_at, b_id(lead_id), closed_at) = 1
),
activities as (
    select b_id(lead_id) as lead_id, occurred_at
    from raw.crm_activities
    where b_id(activity_id) is not null and b_id(lead_id) is not null and occurred_at is not null
    qualify
        row_number() over (partition by b_id(activity_id) order by occurred_at, b_id(lead_id), b_norm(activity_type)) = 1
),
sqls as (
    select scored.lead_id, min(acceptances.changed_at) as sql_at
    from scored
    inner join acceptances on scored.lead_id = acceptances.lead_id and acceptances.changed_at >= scored.mql_at
    group by scored.lead_id
),
opps as (
    select
        sqls.lead_id,
        min(opportunities.created_at) as opportunity_at,
        min(case when opportunities.is_won then opportunities.closed_at end) as closed_won_at,
        sum(case when opportunities.is_won then opportunities.amount end) as won_amount
    from sqls
    inner join opportunities on sqls.lead_id = opportunities.lead_id and opportunities.created_at >= sqls.sql_at
    group by sqls.lead_id
),
contacts as (
    select scored.lead_id, min(activities.occurred_at) as first_contact_at
    from scored
    inner join activities on scored.lead_id = activities.lead_id and activities.occurred_at >= scored.mql_at
    group by scored.lead_id
)
select
    scored.lead_id,
    scored.email_domain,
    scored.channel,
    scored.created_at,
    scored.fit_score,
    scored.engagement_score,
    scored.lead_score,
    case
        when scored.disqualification_reason is not null then 'disqualified'
        when scored.mql_at is not null then 'mql'
        when scored.lead_score >= 30 then 'nurture'
        else 'lead'
    end as lead_stage,
    scored.disqualification_reason,
    scored.mql_at is not null as is_mql,
    scored.mql_at,
    sqls.sql_at,
    opps.opportunity_at,
    opps.closed_won_at,
    case when opps.closed_won_at is not null then cast(opps.won_amount as decimal(18, 2)) end as won_amount,
    contacts.first_contact_at,
    (epoch_us(contacts.first_contact_at) - epoch_us(scored.mql_at)) / 1000000.0 / 60.0 as minutes_to_first_contact
from scored
left join sqls on scored.lead_id = sqls.lead_id
left join opps on scored.lead_id = opps.lead_id
left join contacts on scored.lead_id = contacts.lead_id;

-- Funnel counts per month and channel.
create or replace temp table b_channel_month_counts as
with channels (channel, channel_order) as (
    values
        ('organic_search', 1), ('paid_search', 2), ('paid_social', 3), ('organic_social', 4),
        ('events_webinars', 5), ('referral_partner', 6), ('email', 7), ('direct', 8), ('other', 9)
),
first_touches as (
    select
        b_month(occurred_at) as month,
        arg_min({'src': src, 'med': med, 'ref': ref}, (occurred_at, pageview_id)) as touch
    from b_pageviews
    group by visitor_id, b_month(occurred_at)
),
touch_channels as (
    select touch, b_channel(touch.src, touch.med, touch.ref) as channel
    from (select distinct touch from first_touches)
),
visitors as (
    select first_touches.month, touch_channels.channel, count(*) as visitors
    from first_touches
    inner join touch_channels on first_touches.touch = touch_channels.touch
    group by all
),
attendees as (
    select b_month(attended_at) as month, 'events_webinars' as channel, count(distinct lead_id) as attendees
    from (
        select b_id(lead_id) as lead_id, coalesce(attended, false) as attended, attended_at
        from raw.event_attendance
        where
            b_id(attendance_id) is not null and b_id(lead_id) is not null
            and not (coalesce(attended, false) and attended_at is null)
        qualify row_number() over (partition by b_id(attendance_id) order by registered_at, b_id(lead_id), b_id(event_id)) = 1
    )
    semi join b_leads using (lead_id)
    where attended
    group by all
),
leads as (
    select b_month(created_at) as month, channel, count(*) as leads
    from baseline.dim_leads
    group by all
),
cohorts as (
    select
        b_month(mql_at) as month,
        channel,
        count(*) as mqls,
        count(sql_at) as sqls,
        count(opportunity_at) as opportunities,
        count(closed_won_at) as customers,
        sum(won_amount) as revenue
    from baseline.dim_leads
    where mql_at is not null
    group by all
),
spend as (
    select month, channel, sum(spend) as spend
    from (
        select b_month(spend_date) as month, b_channel(src, med, '') as channel, spend
        from (
            select distinct
                spend_date, b_norm(platform), b_norm(utm_source) as src, b_norm(utm_medium) as med, campaign,
                cast(spend as decimal(18, 2)) as spend, upper(trim(coalesce(currency, ''))) as currency
            from raw.ad_spend
        )
        where spend_date is not null and spend is not null and spend >= 0 and currency = 'USD'
        union all
        select month, channel, cost
        from (
            select distinct b_month(cost_month) as month, b_norm(channel) as channel, cast(cost as decimal(18, 2)) as cost
            from raw.program_costs
        )
        where month is not null and cost is not null and cost >= 0 and channel in (select channel from channels)
    )
    group by all
),
active_months as (
    select month from visitors
    union select month from attendees
    union select month from leads
    union select month from cohorts
    union select month from spend where spend <> 0
),
months as (
    select cast(unnest(generate_series(min(month), max(month), interval 1 month)) as date) as month
    from active_months
),
counts as (
    select
        months.month,
        channels.channel,
        channels.channel_order,
        coalesce(visitors.visitors, 0) as visitors,
        coalesce(attendees.attendees, 0) as attendees,
        coalesce(leads.leads, 0) as leads,
        coalesce(cohorts.mqls, 0) as mqls,
        coalesce(cohorts.sqls, 0) as sqls,
        coalesce(cohorts.opportunities, 0) as opportunities,
        coalesce(cohorts.customers, 0) as customers,
        cast(coalesce(cohorts.revenue, 0) as decimal(18, 2)) as revenue,
        cast(coalesce(spend.spend, 0) as decimal(18, 2)) as spend
    from months
    cross join channels
    left join visitors on months.month = visitors.month and channels.channel = visitors.channel
    left join attendees on months.month = attendees.month and channels.channel = attendees.channel
    left join leads on months.month = leads.month and channels.channel = leads.channel
    left join cohorts on months.month = cohorts.month and channels.channel = cohorts.channel
    left join spend on months.month = spend.month and channels.channel = spend.channel
)
select
    month,
    channel,
    cast(visitors as bigint) as visitors,
    cast(attendees as bigint) as attendees,
    cast(leads as bigint) as leads,
    cast(mqls as bigint) as mqls,
    cast(sqls as bigint) as sqls,
    cast(opportunities as bigint) as opportunities,
    cast(customers as bigint) as customers,
    revenue,
    spend,
    channel_order
from counts;

create or replace table baseline.fct_funnel_channel_monthly as
select * exclude (channel_order)
from b_with_rates('b_channel_month_counts')
order by month, channel_order;


create or replace temp table b_month_counts as
select
    month,
    cast(sum(visitors) as bigint) as visitors,
    cast(sum(attendees) as bigint) as attendees,
    cast(sum(leads) as bigint) as leads,
    cast(sum(mqls) as bigint) as mqls,
    cast(sum(sqls) as bigint) as sqls,
    cast(sum(opportunities) as bigint) as opportunities,
    cast(sum(customers) as bigint) as customers,
    cast(sum(revenue) as decimal(18, 2)) as revenue,
    cast(sum(spend) as decimal(18, 2)) as spend
from baseline.fct_funnel_channel_monthly
group by month;

create or replace table baseline.fct_funnel_monthly as
select * from b_with_rates('b_month_counts')
order by month;
