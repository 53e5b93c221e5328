{#-
    Lead-keyed models (README, Performance): every row belongs to one lead
    and is computed from that lead's inputs alone (its enriched attributes,
    its visitors' pageviews, its forms and e-mails, the rules and vars), so a
    build need only recompute the leads whose inputs changed,
    int_leads__changed. A full build computes every lead. Later builds
    delete the stored rows of the changed leads (pre-hook), select only
    their rows (only_changed_leads in the model's import CTEs) and append
    them. Spark tables are parquet files, where only append is safe (no
    delete): there the models are tables, rebuilt from every lead each run.

    In the model:  {{ lead_keyed_config() }}
                   -- depends_on: {{ ref('int_leads__changed') }}
-#}
{% macro lead_keyed_config() -%}
    {%- if target.type == 'spark' -%}
        {{ config(materialized='table') }}
    {%- else -%}
        {{ config(
            materialized='incremental',
            incremental_strategy='append',
            on_schema_change='fail',
            pre_hook='{{ delete_changed_leads() }}',
        ) }}
    {%- endif -%}
{%- endmacro %}

{#- The pre-hook of a lead-keyed model: the changed leads' stored rows go,
    their new rows (if any: a deleted lead has none) are appended after. -#}
{% macro delete_changed_leads() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} {{ only_changed_leads() }}
    {%- endif -%}
{%- endmacro %}

{#- A filter on an import CTE of a lead-keyed model: the rows of the changed
    leads in an incremental build, every row otherwise. -#}
{% macro only_changed_leads(lead_id_column='lead_id') -%}
    {%- if is_incremental() -%}
        where {{ lead_id_column }} in (select lead_id from {{ ref('int_leads__changed') }})
    {%- endif -%}
{%- endmacro %}

{#- The stored fingerprints of the last refresh of the lead-keyed models
    (int_leads__refreshed_inputs), or none before the first one. Read as a
    relation, not a ref: int_leads__changed, which reads it, comes before
    the models it waits for. -#}
{% macro refreshed_lead_inputs() -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(adapter.get_relation(database=this.database, schema=this.schema, identifier='int_leads__refreshed_inputs')) }}
{%- endmacro %}

{#- The post-hook of int_leads__changed: the changed leads' stored
    fingerprints are forgotten (NULL, the row kept: a lead that is gone by
    the next build is still found gone) until int_leads__refreshed_inputs
    stores theirs again (Spark: nothing to update, the models are rebuilt
    every run). -#}
{% macro forget_changed_lead_inputs() -%}
    {%- set refreshed = refreshed_lead_inputs() -%}
    {%- if refreshed is not none and target.type != 'spark' -%}
        update {{ refreshed }}
        set input_fingerprint = null
        where lead_id in (select lead_id from {{ this }})
    {%- endif -%}
{%- endmacro %}

{#- The same, or no rows before the first refresh (every lead then differs). -#}
{% macro refreshed_lead_inputs_or_empty() -%}
    {%- set refreshed = refreshed_lead_inputs() -%}
    {%- if refreshed is none -%}
        {{ return('(select cast(null as ' ~ dbt.type_string() ~ ') as lead_id, cast(null as ' ~ dbt.type_string()
                  ~ ') as input_fingerprint, cast(null as ' ~ dbt.type_timestamp() ~ ') as refreshed_at where 1 = 0)'
                  ~ ' as no_refresh') }}
    {%- endif -%}
    {{ return(refreshed) }}
{%- endmacro %}
