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
            {{ exceptions.raise_compiler_error(
                "Missing raw source table(s): " ~ (missing | join(', '))
                ~ ". Load them into schema '" ~ (schemas | unique | join("', '")) ~ "' of "
                ~ target.type ~ " database " ~ (target.database or target.dbname or '') ~ " before building."
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}
