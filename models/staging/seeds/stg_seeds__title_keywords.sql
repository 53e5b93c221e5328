{#- Title keywords in the word-normalised form job titles are matched in. -#}
with source as (

    select * from {{ ref('title_keywords') }}

),

renamed as (

    select
        {{ normalize_words('keyword') }} as keyword,
        {{ normalize_text('keyword_group') }} as keyword_group
    from source

)

select * from renamed
