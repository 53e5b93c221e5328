{#- on-run-start: fail at once, naming every missing raw schema or table,
    instead of letting the first staging view die on an obscure error. -#}
{% macro assert_raw_sources_exist() %}
    {%- if execute and flags.WHICH in ('build', 'run', 'test') -%}
        {%- set missing = [] -%}
        {%- set schemas = [] -%}
        {%- for source_node in graph.sources.values() -%}
            {%- set relation = adapter.get_relation(
                database=source_node.database,
                schema=source_node.schema,
                identifier=source_node.identifier
            ) -%}
            {%- if relation is none -%}
                {%- do missing.append(source_node.schema ~ '.' ~ source_node.identifier) -%}
                {%- do schemas.append(source_node.schema) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {%- set missing_schemas = [] -%}
            {%- for schema in schemas | unique -%}
                {%- if not adapter.check_schema_exists(target.database, schema) -%}
                    {%- do missing_schemas.append(schema) -%}
                {%- endif -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                (("Missing raw schema(s): " ~ (missing_schemas | join(', ')) ~ ". ") if missing_schemas else "")
                ~ "Missing raw source table(s): " ~ (missing | join(', '))
                ~ ". Load them into " ~ target.type ~ " database '" ~ target.database
                ~ "' (the landing schema of sources crm and marketing) before building."
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}
