{#- Model pre-hook (dbt_project.yml): PostgreSQL's session time zone set to
    UTC on each connection a model is built on, since dbt-postgres's profile
    has no field for it (DuckDB's profile sets TimeZone, Spark's
    spark.sql.session.timeZone). No model depends on it: macro utc_timestamp
    converts every landed timestamp by its own offset. -#}
{% macro set_session_time_zone_utc() -%}
    {%- if target.type == 'postgres' -%}
        set time zone 'UTC'
    {%- endif -%}
{%- endmacro %}
