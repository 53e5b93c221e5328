{#- Live leads (kept version, not deleted) with their channel, e-mail domain,
    the fit attributes the scoring rules read, and why a lead is
    disqualified, if it is. -#}
with leads as (

    select
        lead_id,
        email,
        job_title_words,
        industry,
        employee_count,
        country_code,
        utm_source,
        utm_medium,
        referrer_host,
        created_at
    {{- passthrough_columns() }}
    from {{ ref('int_crm_leads__used') }}

),

title_matches as (

    select
        leads.lead_id,
        max(case when title_keywords.keyword_group = 'decision_maker' then 1 else 0 end) as has_decision_maker_title,
        max(case when title_keywords.keyword_group = 'student' then 1 else 0 end) as has_student_title
    from leads
    inner join {{ ref('stg_seeds__title_keywords') }} as title_keywords
        on {{ contains_whole_words('leads.job_title_words', 'title_keywords.keyword') }}
    group by leads.lead_id

),

email_parts as (

    select
        lead_id,
        email is not null
        and {{ dbt.length('email') }} - {{ dbt.length(dbt.replace('email', "'@'", "''")) }} = 1
        and {{ dbt.split_part('email', "'@'", 1) }} <> ''
        and {{ dbt.position("'.'", dbt.split_part('email', "'@'", 2)) }} > 0 as has_valid_email,
        {{ dbt.split_part('email', "'@'", 2) }} as email_host
    from leads

),

final as (

    select
        leads.lead_id,
        leads.created_at,
        channel_map.channel,
        case when email_parts.has_valid_email then email_parts.email_host end as email_domain,
        icp_industries.industry is not null as is_icp_industry,
        coalesce(
            leads.employee_count between {{ var('icp_min_employees') }} and {{ var('icp_max_employees') }},
            false
        ) as is_icp_company_size,
        coalesce(title_matches.has_decision_maker_title = 1, false) as has_decision_maker_title,
        leads.country_code <> '' and served_countries.country_code is null as is_wrong_geography,
        case
            when not email_parts.has_valid_email then 'invalid_email'
            when free_email_domains.email_domain is not null then 'free_email_domain'
            when title_matches.has_student_title = 1 then 'student'
        end as disqualification_reason
    {{- passthrough_columns('leads') }}
    from leads
    inner join email_parts
        on leads.lead_id = email_parts.lead_id
    left join title_matches
        on leads.lead_id = title_matches.lead_id
    left join {{ ref('stg_seeds__icp_industries') }} as icp_industries
        on leads.industry = icp_industries.industry
    left join {{ ref('stg_seeds__served_countries') }} as served_countries
        on leads.country_code = served_countries.country_code
    left join {{ ref('stg_seeds__free_email_domains') }} as free_email_domains
        on email_parts.email_host = free_email_domains.email_domain
    left join {{ ref('int_channels__source_map') }} as channel_map
        on
            leads.utm_source = channel_map.utm_source
            and leads.utm_medium = channel_map.utm_medium
            and leads.referrer_host = channel_map.referrer_host

)

select * from final
