{#- The input fingerprints the lead-keyed models now hold, and the start of
    the build that refreshed them: built after the last of those models
    (int_leads__scores), so it holds the last complete refresh.
    int_leads__changed compares the next build's fingerprints with these,
    and reads the rows checked since refreshed_at. -#}
-- depends_on: {{ ref('int_leads__scores') }}

with current_inputs as (

    select
        lead_id,
        input_fingerprint
    from {{ ref('int_leads__input_fingerprints') }}

),

final as (

    select
        lead_id,
        input_fingerprint,
        {{ build_started_at() }} as refreshed_at
    from current_inputs

)

select * from final
