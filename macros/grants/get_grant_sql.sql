{#- PostgreSQL: dbt's default GRANT leaves role names unquoted, so a
    mixed-case role is folded to lower case (granted to the wrong role) and
    a name could carry SQL. Roles are quoted here as in dbt's REVOKE; var
    bi_reader_roles is also checked to be plain names (validate_vars). -#}
{%- macro postgres__get_grant_sql(relation, privilege, grantees) -%}
    {%- set quoted_grantees = [] -%}
    {%- for grantee in grantees -%}
        {%- do quoted_grantees.append(adapter.quote(grantee)) -%}
    {%- endfor -%}
    grant {{ privilege }} on {{ relation.render() }} to {{ quoted_grantees | join(', ') }}
{%- endmacro -%}
