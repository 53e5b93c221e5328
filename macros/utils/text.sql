{#- Contract rule: text is matched on lower(trim(value)), NULL as ''. -#}
{% macro normalize_text(column) -%}
    lower(trim(coalesce({{ column }}, '')))
{%- endmacro %}

{#- An identifier: trimmed, the empty string treated as missing. -#}
{% macro clean_id(column) -%}
    nullif(trim(cast({{ column }} as {{ dbt.type_string() }})), '')
{%- endmacro %}

{#- Lower-cased, every run of characters other than a-z0-9 turned into one
    space, trimmed: the form in which job titles are matched word by word. -#}
{% macro normalize_words(column) -%}
    {{ return(adapter.dispatch('normalize_words', 'mql_funnel')(column)) }}
{%- endmacro %}

{% macro default__normalize_words(column) -%}
    trim(regexp_replace({{ normalize_text(column) }}, '[^a-z0-9]+', ' ', 'g'))
{%- endmacro %}

{% macro spark__normalize_words(column) -%}
    trim(regexp_replace({{ normalize_text(column) }}, '[^a-z0-9]+', ' '))
{%- endmacro %}

{#- True when the space-normalised text contains the phrase as whole words. -#}
{% macro contains_whole_words(normalized_text, phrase) -%}
    {{ dbt.position(dbt.concat(["' '", phrase, "' '"]), dbt.concat(["' '", normalized_text, "' '"])) }} > 0
{%- endmacro %}

{#- True when `value` is one element of a '|'-separated list. -#}
{% macro in_pipe_list(value, pipe_list) -%}
    {{ dbt.position(dbt.concat(["'|'", value, "'|'"]), dbt.concat(["'|'", "coalesce(" ~ pipe_list ~ ", '')", "'|'"])) }} > 0
{%- endmacro %}
