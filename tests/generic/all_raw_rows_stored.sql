{#- An incremental checked model holds exactly one row per raw row. A
    nightly run re-reads only the last incremental_lookback_days of raw
    rows, so rows delivered later than that (or removed from raw after they
    were stored) are not seen: the run stops here, naming the raw table, how
    many rows and what to do, before any mart is rebuilt. -#}
{% test all_raw_rows_stored(model, raw_table) %}

{#- A raw table no switch replaces may be missing while an adapter is on
    (contract section 7): it is read as empty, so nothing is stored. -#}
{%- set raw_rows = relation_or_empty(raw_table) %}

{%- set unstored_rows -%}
    select
        raw_rows.row_count - stored_rows.row_count as unstored_row_count
    from (select count(*) as row_count from {{ raw_rows }}) as raw_rows
    cross join (select count(*) as row_count from {{ model }}) as stored_rows
{%- endset -%}

{%- if execute -%}
    {%- set unstored = run_query(unstored_rows).columns[0].values()[0] -%}
    {%- set table_name = raw_table.schema ~ '.' ~ raw_table.identifier -%}
    {%- if unstored > 0 -%}
        {{ exceptions.raise_compiler_error(
            table_name ~ ': ' ~ unstored ~ ' row(s) arrived later than the lookback window'
            ~ ' (var incremental_lookback_days = ' ~ var('incremental_lookback_days')
            ~ ' days before the newest stored row) and were not read. Rebuild with a --full-refresh'
            ~ ' (`mqlfunnel nightly -- --full-refresh`, or `dbt build --full-refresh`) to read them;'
            ~ ' the models that read it were not rebuilt.'
        ) }}
    {%- elif unstored < 0 -%}
        {{ exceptions.raise_compiler_error(
            table_name ~ ': ' ~ (-unstored) ~ ' stored row(s) are no longer in the raw table.'
            ~ ' Rebuild with a --full-refresh (`mqlfunnel nightly -- --full-refresh`, or'
            ~ ' `dbt build --full-refresh`); the models that read it were not rebuilt.'
        ) }}
    {%- endif -%}
{%- endif -%}

select *
from ({{ unstored_rows }}) as counts
where unstored_row_count <> 0

{% endtest %}
