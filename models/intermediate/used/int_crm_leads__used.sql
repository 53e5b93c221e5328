{#- The live leads: the kept row of each lead_id that is not deleted (bucket
    used), with the columns later models read. -#}
with final as (

    select
        lead_id,
        email,
        job_title,
        job_title_words,
        company_name,
        industry,
        employee_count,
        country_code,
        utm_source,
        utm_medium,
        referrer_host,
        created_at,
        updated_at
    {{- passthrough_columns() }}
    from {{ ref('int_audit__crm_leads') }}
    where row_bucket = 'used'

)

select * from final
