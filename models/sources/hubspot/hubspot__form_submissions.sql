{#- form_submissions from hubspot.contact_form_submission (contract section
    7): form_type and asset_type from the first rule of seed
    form_title_rules whose pattern the lower-cased title contains, else
    form_type other. -#}
{%- set submissions = source('hubspot', 'contact_form_submission') %}
{%- set landed = relation_column_types(submissions) %}
{%- set t = 'hubspot.contact_form_submission' %}
with submissions as (

    select
        {{ vendor_text(landed, t, 'conversion_id') }} as submission_id,
        {{ vendor_text(landed, t, 'contact_id') }} as contact_id,
        {{ normalize_text(vendor_column(landed, t, 'title')) }} as title_key,
        {{ vendor_timestamp(landed, t, 'timestamp') }} as submitted_at,
        {{ source_row_number(vendor_text(landed, t, 'conversion_id')) }} as source_row_number
    from {{ submissions }}

),

title_rules as (

    select * from {{ ref('stg_seeds__form_title_rules') }}

),

first_rules as (

    select
        submissions.submission_id,
        submissions.source_row_number,
        min(title_rules.rule_order) as rule_order
    from submissions
    inner join title_rules
        on {{ dbt.position('title_rules.title_pattern', 'submissions.title_key') }} > 0
    group by submissions.submission_id, submissions.source_row_number

),

final as (

    select
        submissions.submission_id,
        coalesce(contact_leads.lead_id, submissions.contact_id) as lead_id,
        coalesce(title_rules.form_type, 'other') as form_type,
        title_rules.asset_type,
        submissions.submitted_at,
        '{{ t }}' as source_table,
        submissions.submission_id as source_row_key,
        submissions.source_row_number,
        cast(null as {{ dbt.type_string() }}) as unmapped_reason
    from submissions
    left join first_rules
        on coalesce(submissions.submission_id, '') = coalesce(first_rules.submission_id, '')
        and submissions.source_row_number = first_rules.source_row_number
    left join title_rules
        on first_rules.rule_order = title_rules.rule_order
    left join {{ ref('base_hubspot__contact_leads') }} as contact_leads
        on submissions.contact_id = contact_leads.contact_id

)

select * from final
