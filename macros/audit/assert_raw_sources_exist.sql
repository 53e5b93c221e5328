{#- on-run-start: fail at once, naming every missing raw schema, table or
    column (the columns each source declares, plus the passthrough columns
    of crm_leads), instead of letting the first staging view or unit-test
    fixture die on an obscure error. -#}
{% macro assert_raw_sources_exist() %}
    {%- if execute and flags.WHICH in ('build', 'run', 'test') -%}
        {%- set missing = [] -%}
        {%- set missing_columns = [] -%}
        {%- set schemas = [] -%}
        {%- for source_node in graph.sources.values() -%}
            {%- set relation = adapter.get_relation(
                database=source_node.database,
                schema=source_node.schema,
                identifier=source_node.identifier
            ) -%}
            {#- Section 7: optional vendor tables, and raw tables no switch
                replaces while an adapter is on, are read as empty. -#}
            {%- set may_be_missing = source_node.meta.get('optional', false)
                or (source_node.source_name in ('crm', 'marketing') and any_adapter_on()) -%}
            {%- if relation is none and may_be_missing -%}
            {%- elif relation is none -%}
                {%- do missing.append(source_node.schema ~ '.' ~ source_node.identifier) -%}
                {%- do schemas.append(source_node.schema) -%}
            {%- else -%}
                {%- set landed = relation_column_types(relation) -%}
                {%- set expected = source_node.columns.keys() | list -%}
                {%- if source_node.identifier == 'crm_leads' -%}
                    {%- set expected = expected + var('crm_leads_passthrough_columns') -%}
                {%- endif -%}
                {%- for column in expected if column | lower not in landed -%}
                    {%- do missing_columns.append(source_node.schema ~ '.' ~ source_node.identifier ~ '.' ~ column) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing_columns and not missing -%}
            {{ exceptions.raise_compiler_error(
                "Missing raw column(s): " ~ (missing_columns | join(', '))
                ~ ". The raw tables must have every column of contract section 2"
                ~ " (models/staging/*/_*__sources.yml) before building."
            ) }}
        {%- endif -%}
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
