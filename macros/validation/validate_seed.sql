{#- Seed post-hook (dbt_project.yml): the rows of the seed's CSV file checked
    against the rules in its `meta.validation` (seeds/_seeds.yml), so that
    a bad business rule stops the build at its seed, naming the file, line
    and column, before any model that reads it (and any mart) is rebuilt:

      unique_key   columns whose values may appear on one row only
      required     columns whose cells must not be empty
      integer      columns whose cells, when set, must be whole numbers
      number       columns whose cells, when set, must be numbers
      one_of       {column: [allowed values]}: cells, when set, must be one
    Lines count as in an editor: the header is line 1. -#}
{% macro validate_seed() %}
    {%- if execute -%}
        {%- set rules = config.get('meta', {}).get('validation', {}) -%}
        {%- set table = load_agate_table() -%}
        {%- set file = model.original_file_path -%}
        {%- set problems = [] -%}
        {%- set seen = {} -%}
        {%- for row in table.rows -%}
            {%- set line = loop.index + 1 -%}
            {%- set at = file ~ ' line ' ~ line ~ ', column' -%}
            {%- set cells = {} -%}
            {%- for column in table.column_names -%}
                {%- set value = row[column] -%}
                {%- do cells.update({column: '' if value is none else (value | string | trim)}) -%}
            {%- endfor -%}
            {%- for column in rules.get('required', []) if cells.get(column, '') == '' -%}
                {%- do problems.append(at ~ ' ' ~ column ~ ': empty, a value is required') -%}
            {%- endfor -%}
            {%- for column in rules.get('integer', []) if cells.get(column, '') != ''
                and not modules.re.match('^-?[0-9]+(\\.0+)?$', cells[column]) -%}
                {%- do problems.append(at ~ ' ' ~ column ~ ': ' ~ (cells[column] | tojson) ~ ' is not a whole number') -%}
            {%- endfor -%}
            {%- for column in rules.get('number', []) if cells.get(column, '') != ''
                and not modules.re.match('^-?[0-9]+(\\.[0-9]+)?$', cells[column]) -%}
                {%- do problems.append(at ~ ' ' ~ column ~ ': ' ~ (cells[column] | tojson) ~ ' is not a number') -%}
            {%- endfor -%}
            {%- for column, allowed in rules.get('one_of', {}).items() if cells.get(column, '') != ''
                and cells[column] not in allowed -%}
                {%- do problems.append(
                    at ~ ' ' ~ column ~ ': ' ~ (cells[column] | tojson) ~ ' is not one of ' ~ (allowed | join(', '))
                ) -%}
            {%- endfor -%}
            {%- if rules.get('unique_key') -%}
                {%- set key_cells = [] -%}
                {%- for column in rules['unique_key'] -%}
                    {%- do key_cells.append(cells.get(column, '')) -%}
                {%- endfor -%}
                {%- set key = key_cells | join('|') -%}
                {%- if key in seen -%}
                    {%- do problems.append(
                        at ~ '(s) ' ~ (rules['unique_key'] | join(', ')) ~ ': '
                        ~ (key | tojson) ~ ' repeats line ' ~ seen[key] ~ ' (must be unique)'
                    ) -%}
                {%- else -%}
                    {%- do seen.update({key: line}) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                'Invalid seed ' ~ model.name ~ ', nothing downstream was built:\n  ' ~ (problems | join('\n  '))
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}
