{#- Every HubSpot contact id with the lead it belongs to: itself, or the
    surviving contact whose property_hs_merged_object_ids lists it (the
    lowest such survivor when several do), and the e-mail by which
    marketing e-mails find it. Every HubSpot adapter names leads through
    this model, so the rows of a merged contact move to its survivor. -#}
{%- set contacts = source('hubspot', 'contact') %}
{%- set landed = relation_column_types(contacts) %}
with contacts as (

    select
        {{ vendor_text(landed, 'hubspot.contact', 'id') }} as contact_id,
        {{ vendor_column(landed, 'hubspot.contact', 'property_hs_merged_object_ids', dbt.type_string()) }} as merged_object_ids,
        nullif({{ normalize_text(vendor_column(landed, 'hubspot.contact', 'property_email')) }}, '') as email_key
    from {{ contacts }}

),

merged_id_items as (

    select
        contact_id as surviving_contact_id,
        {{ split_to_rows('merged_object_ids', ';') }} as merged_id_item
    from contacts
    where merged_object_ids is not null

),

merged_ids as (

    select
        surviving_contact_id,
        trim(merged_id_item) as merged_contact_id
    from merged_id_items

),

survivors as (

    select
        merged_contact_id as contact_id,
        min(surviving_contact_id) as surviving_contact_id
    from merged_ids
    where merged_contact_id <> '' and merged_contact_id <> surviving_contact_id
    group by merged_contact_id

),

contact_ids as (

    select contact_id from contacts where contact_id is not null
    union
    select contact_id from survivors

),

emails as (

    select
        contact_id,
        min(email_key) as email_key
    from contacts
    where contact_id is not null
    group by contact_id

),

final as (

    select
        contact_ids.contact_id,
        coalesce(survivors.surviving_contact_id, contact_ids.contact_id) as lead_id,
        survivors.surviving_contact_id is not null as is_merged,
        emails.email_key
    from contact_ids
    left join survivors
        on contact_ids.contact_id = survivors.contact_id
    left join emails
        on contact_ids.contact_id = emails.contact_id

)

select * from final
