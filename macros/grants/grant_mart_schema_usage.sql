{#- on-run-end, PostgreSQL only: the marts' `grants` config (dbt_project.yml)
    gives the BI roles SELECT on each mart; this gives them USAGE on the
    marts' schema, without which PostgreSQL refuses the SELECT. No other
    schema (raw, staging, intermediate, seeds) is granted anything. -#}
{% macro grant_mart_schema_usage(roles) %}
    {%- if execute and target.type == 'postgres' and flags.WHICH in ('build', 'run', 'seed') and roles -%}
        {%- for role in roles %}
    grant usage on schema {{ adapter.quote(target.schema) }} to {{ adapter.quote(role) }};
        {%- endfor %}
    {%- else -%}
    select 1
    {%- endif -%}
{% endmacro %}
