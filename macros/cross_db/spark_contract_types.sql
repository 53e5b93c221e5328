{#- Model contracts (data_type in the marts' yml) name types as DuckDB and
    PostgreSQL spell them. Spark spells some differently and refuses a bare
    `varchar`, so on Spark the contract's empty-schema query casts to the
    Spark name of each type; the contract check then compares Spark's own
    type names on both sides. Other adapters are untouched. -#}
{% macro spark_data_type(data_type) -%}
    {%- set normalized = data_type | trim | lower -%}
    {%- set aliases = {
        'varchar': 'string',
        'text': 'string',
        'character varying': 'string',
        'double precision': 'double',
        'float8': 'double',
        'integer': 'int',
        'int4': 'int',
        'int8': 'bigint',
        'timestamp without time zone': 'timestamp',
    } -%}
    {{- aliases.get(normalized, data_type) -}}
{%- endmacro %}

{% macro spark__get_empty_schema_sql(columns) -%}
    {%- set spark_columns = {} -%}
    {%- for name, column in columns.items() -%}
        {%- set spark_column = column.copy() -%}
        {%- if column.get('data_type') -%}
            {%- do spark_column.update({'data_type': spark_data_type(column['data_type'])}) -%}
        {%- endif -%}
        {%- do spark_columns.update({name: spark_column}) -%}
    {%- endfor -%}
    {{ return(default__get_empty_schema_sql(spark_columns)) }}
{%- endmacro %}
