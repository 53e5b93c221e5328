{#-
    Bad input, contract section 5: every raw row lands in exactly one bucket,
    tried in this order:

      quarantined  a required value is NULL or a check fails
      duplicate    another valid row with the same key was kept
      deleted      the row names a deleted lead (or is one)
      quarantined  the row names no known lead (orphan)
      used         everything else

    audit_row_checks does the first two steps, which look at the row alone
    (and at rows with the same key); audit_row_buckets the last three, which
    look at the leads. The big event tables keep the checks in an incremental
    model and apply the buckets on top; the others do both in one model with
    audit_source_rows.

    key_columns        identify a row: rows sharing them are duplicates, and
                       audit_quarantine shows them (as row_key)
    finite_columns     numbers that must not be NaN or +-Infinity: staging sets
                       them NULL and flags <column>_is_non_finite, and the row is
                       quarantined as '<column> is not a finite number'
    required_columns   a NULL in any of these quarantines the row (list the id here)
    needed_timestamps  timestamps the marts need: outside the plausible window
                       (macro is_implausible_timestamp) the row is quarantined
                       as implausible_timestamp; a [column, condition] pair
                       checks the column only where the condition holds
    checks             [[sql_condition_that_is_bad, reason], ...]
    keep_order         order by which the first of several same-key rows is kept
                       (rows tied on it are ranked by all their columns)
    timestamp_column   incremental models only: the column the lookback window reads;
                       their rows also get checked_at, the start of the build that
                       checked them (int_leads__changed reads the newest)
    columns            incremental models only: every column of source_relation
    lead_id_column     the column naming a lead (events), if any
    lead_is_deleted_column  leads only: the kept row's deletion flag
-#}
{% macro audit_source_rows(
    staging_model,
    key_columns,
    finite_columns=[],
    required_columns=[],
    needed_timestamps=[],
    checks=[],
    keep_order=none,
    lead_id_column=none,
    lead_is_deleted_column=none
) -%}

with checked as (

    {{ audit_row_checks(ref(staging_model), key_columns, finite_columns, required_columns, needed_timestamps, checks, keep_order) | indent(4) }}

),

bucketed as (

    {{ audit_row_buckets('checked', lead_id_column, lead_is_deleted_column) | indent(4) }}

)

select * from bucketed

{%- endmacro %}


{#- Every row of the relation with row_key, value_error (the first failed
    check) and key_rank (1 for the kept row of each key among rows without a
    value error; NULL for rows with one). Incremental models read only the
    rows of the lookback window that are not stored yet (rows are compared
    whole, so a re-delivered copy still counts as a raw row), and continue
    the key ranks of the rows already stored. -#}
{% macro audit_row_checks(
    source_relation,
    key_columns,
    finite_columns=[],
    required_columns=[],
    needed_timestamps=[],
    checks=[],
    keep_order=none,
    timestamp_column=none,
    columns=[]
) -%}
{%- set incremental = timestamp_column is not none and is_incremental() -%}
{#- Rows tied on keep_order are ranked by every column of the row, so the
    kept row never depends on the order in which rows were read. -#}
{%- set tie_break_columns = columns or (relation_column_types(source_relation).keys() | list) -%}
{%- if incremental -%}
    {%- set row_hash = dbt.hash(composite_key(columns)) -%}
    {%- set window_start = lookback_start(timestamp_column) -%}
{%- endif -%}

with source_rows as (

    select * from {{ source_relation }}
    {%- if incremental %}
    where {{ timestamp_column }} >= {{ window_start }}
    union all
    select * from {{ source_relation }}
    where {{ timestamp_column }} is null
    {%- endif %}

),

{% if incremental -%}
source_copies as (

    select
        source_rows.*,
        {{ row_hash }} as row_hash,
        row_number() over (partition by {{ row_hash }} order by {{ timestamp_column }}) as copy_number
    from source_rows

),

stored_copies as (

    select
        {{ row_hash }} as row_hash,
        count(*) as stored_count
    from (
        select * from {{ this }}
        where {{ timestamp_column }} >= {{ window_start }}
        union all
        select * from {{ this }}
        where {{ timestamp_column }} is null
    ) as stored_rows
    group by {{ row_hash }}

),

new_rows as (

    select
        {%- for column in columns %}
        source_copies.{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from source_copies
    left join stored_copies
        on source_copies.row_hash = stored_copies.row_hash
    where source_copies.copy_number > coalesce(stored_copies.stored_count, 0)

),
{%- else -%}
new_rows as (

    select * from source_rows

),
{%- endif %}

checked as (

    select
        new_rows.*,
        {%- if timestamp_column is not none %}
        {{ build_started_at() }} as checked_at,
        {%- endif %}
        {{ composite_key(key_columns) }} as row_key,
        case
            {%- for column in finite_columns %}
            when {{ column }}_is_non_finite then '{{ column }} is not a finite number'
            {%- endfor %}
            {%- for column in required_columns %}
            when {{ column }} is null then '{{ column }} is null'
            {%- endfor %}
            {%- for needed in needed_timestamps %}
            {%- set column, condition = (needed, none) if needed is string else needed %}
            when {{ (condition ~ ' and ') if condition }}{{ is_implausible_timestamp(column) }} then 'implausible_timestamp'
            {%- endfor %}
            {%- for check in checks %}
            when {{ check[0] }} then '{{ check[1] }}'
            {%- endfor %}
        end as value_error
    from new_rows

),

valid_rows as (

    select * from checked where value_error is null

),

{#- Only keys seen more than once need ranking: a window over every row of
    a large table costs far more than this group-by. -#}
repeated_keys as (

    select
        row_key,
        max(prior_rows) as prior_rows
    from (
        select
            row_key,
            0 as prior_rows
        from valid_rows
        group by row_key
        having count(*) > 1
        {%- if incremental %}

        union all

        select
            stored.row_key,
            count(*) as prior_rows
        from {{ this }} as stored
        inner join (select distinct row_key from valid_rows) as new_keys
            on stored.row_key = new_keys.row_key
        where stored.value_error is null
        group by stored.row_key
        {%- endif %}
    ) as key_counts
    group by row_key

),

final as (

    select
        checked.*,
        cast(null as {{ dbt.type_bigint() }}) as key_rank
    from checked
    where value_error is not null

    union all

    select
        valid_rows.*,
        cast(1 as {{ dbt.type_bigint() }}) as key_rank
    from valid_rows
    left join repeated_keys
        on valid_rows.row_key = repeated_keys.row_key
    where repeated_keys.row_key is null

    union all

    select
        valid_rows.*,
        repeated_keys.prior_rows + row_number() over (
            partition by valid_rows.row_key
            order by {{ order_nulls_last(keep_order or 'valid_rows.row_key') }}
            {%- for column in tie_break_columns %}, valid_rows.{{ column }} nulls last{% endfor %}
        ) as key_rank
    from valid_rows
    inner join repeated_keys
        on valid_rows.row_key = repeated_keys.row_key

)

select * from final

{%- endmacro %}


{#- The checked rows with row_bucket and quarantine_reason, judged against
    the current leads (int_audit__crm_leads). -#}
{% macro audit_row_buckets(checked_relation, lead_id_column=none, lead_is_deleted_column=none) -%}

with checked as (

    select * from {{ checked_relation }}

),

{% if lead_id_column -%}
known_leads as (

    select
        lead_id as known_lead_id,
        row_bucket = 'deleted' as is_deleted_lead
    from {{ ref('int_audit__crm_leads') }}
    where row_bucket in ('used', 'deleted')

),
{%- endif %}

final as (

    select
        checked.*,
        case
            when checked.value_error is not null then 'quarantined'
            when checked.key_rank > 1 then 'duplicate'
            {%- if lead_is_deleted_column %}
            when checked.{{ lead_is_deleted_column }} then 'deleted'
            {%- endif %}
            {%- if lead_id_column %}
            when known_leads.is_deleted_lead then 'deleted'
            when checked.{{ lead_id_column }} is not null and known_leads.known_lead_id is null then 'quarantined'
            {%- endif %}
            else 'used'
        end as row_bucket,
        case
            when checked.value_error is not null then checked.value_error
            {%- if lead_id_column %}
            when
                checked.key_rank = 1
                and checked.{{ lead_id_column }} is not null
                and known_leads.known_lead_id is null
                then '{{ lead_id_column }} names no known lead'
            {%- endif %}
        end as quarantine_reason
    from checked
    {%- if lead_id_column %}
    left join known_leads
        on checked.{{ lead_id_column }} = known_leads.known_lead_id
    {%- endif %}

)

select * from final

{%- endmacro %}
