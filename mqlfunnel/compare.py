"""Prove that a target's marts equal the DuckDB build's, row by row.

The marts are every table of the DuckDB build's mart schema (``main``): the
six of CONTRACT section 6 (MARTS, which must be there) and any other mart
the project publishes. Every mart is read whole (``select *``) from each
warehouse, its values are normalised (decimals as floats, timestamps as
naive UTC datetimes, dates as dates), its rows sorted, and the two sides
compared column by column: numbers within a relative tolerance of 1e-9,
everything else exactly.

    mqlfunnel compare --target postgres|spark     (reference: the DuckDB file)
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping

import duckdb

from mqlfunnel import targets

# The marts of CONTRACT section 6: every comparison includes them.
MARTS: tuple[str, ...] = (
    "dim_leads",
    "fct_lead_score_events",
    "fct_funnel_monthly",
    "fct_funnel_channel_monthly",
    "audit_quarantine",
    "audit_reconciliation",
)

REL_TOL = 1e-9
ABS_TOL = 1e-9
MAX_REPORTED = 10  # differing rows reported per mart


@dataclass(frozen=True)
class Table:
    """A mart read from one warehouse: column names and normalised, sorted rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def normalize(value: Any) -> Any:
    """One value in a form comparable across DuckDB, PostgreSQL and Spark."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return value
    return str(value)


def _sort_key(row: tuple[Any, ...]) -> tuple:
    key = []
    for value in row:
        if value is None:
            key.append((0, 0))
        elif isinstance(value, float):
            key.append((1, float(f"{value:.9g}") if math.isfinite(value) else value))
        else:
            key.append((1, value))
    return tuple(key)


def make_table(columns: list[str] | tuple[str, ...], rows: list[tuple] | list[list]) -> Table:
    normalised = [tuple(normalize(v) for v in row) for row in rows]
    normalised.sort(key=_sort_key)
    return Table(tuple(c.lower() for c in columns), tuple(normalised))


def values_equal(expected: Any, actual: Any) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if type(expected) is not type(actual):  # noqa: E721 - date vs datetime must differ
        return False
    return expected == actual


def compare_tables(name: str, expected: Table, actual: Table) -> list[str]:
    """Differences between two readings of one mart, as readable lines (empty: equal)."""
    if expected.columns != actual.columns:
        return [f"{name}: columns differ: expected {list(expected.columns)}, got {list(actual.columns)}"]
    problems: list[str] = []
    if len(expected.rows) != len(actual.rows):
        problems.append(f"{name}: {len(expected.rows):,} rows expected, {len(actual.rows):,} found")
    reported = 0
    for index, (want, got) in enumerate(zip(expected.rows, actual.rows)):
        bad = [c for c, w, g in zip(expected.columns, want, got) if not values_equal(w, g)]
        if bad:
            reported += 1
            if reported <= MAX_REPORTED:
                problems.append(
                    f"{name}: sorted row {index} differs in {', '.join(bad)}:\n"
                    f"    expected {dict(zip(expected.columns, want))}\n"
                    f"    got      {dict(zip(actual.columns, got))}"
                )
    if reported > MAX_REPORTED:
        problems.append(f"{name}: ... {reported - MAX_REPORTED} more differing rows")
    return problems


def compare_marts(expected: Mapping[str, Table], actual: Mapping[str, Table]) -> list[str]:
    problems: list[str] = [f"{name}: missing on the DuckDB reference" for name in MARTS if name not in expected]
    for name in expected:
        if name not in actual:
            problems.append(f"{name}: missing on the compared target")
            continue
        problems += compare_tables(name, expected[name], actual[name])
    return problems


# ---------------------------------------------------------------------------
# readers
# ---------------------------------------------------------------------------

def mart_names(database: Path | str, schema: str = "main") -> tuple[str, ...]:
    """Every table and view of the DuckDB build's mart schema, the contract's marts first."""
    with duckdb.connect(str(database), read_only=True) as con:
        found = {row[0] for row in con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [schema]
        ).fetchall()}
    return tuple(name for name in MARTS if name in found) + tuple(sorted(found - set(MARTS)))


def read_duckdb(database: Path | str, schema: str = "main", names: tuple[str, ...] = MARTS) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    with duckdb.connect(str(database), read_only=True) as con:
        for name in names:
            cursor = con.execute(f"select * from {schema}.{name}")
            columns = [d[0] for d in cursor.description]
            tables[name] = make_table(columns, cursor.fetchall())
    return tables


def read_postgres(
    schema: str | None = None,
    env: Mapping[str, str] | None = None,
    names: tuple[str, ...] = MARTS,
    **overrides: Any,
) -> dict[str, Table]:
    schema = schema or targets.mart_schema("postgres", env)
    tables: dict[str, Table] = {}
    con = targets.postgres_connect(env, **overrides)
    try:
        with con.cursor() as cur:
            cur.execute("set time zone 'UTC'")
            for name in names:
                cur.execute(
                    "select 1 from information_schema.tables where table_schema = %s and table_name = %s",
                    (schema, name),
                )
                if cur.fetchone() is None:
                    continue  # reported as missing by compare_marts
                cur.execute(f'select * from "{schema}"."{name}"')
                columns = [d[0] for d in cur.description]
                tables[name] = make_table(columns, cur.fetchall())
    finally:
        con.close()
    return tables


def read_spark(
    spark_dir: Path | str | None = None,
    schema: str | None = None,
    names: tuple[str, ...] = MARTS,
) -> dict[str, Table]:
    """Read the marts through a SparkSession on dbt's metastore (stopped after).

    Timestamps are read as text and parsed, so the Python process's local
    time zone plays no part.
    """
    from pyspark.sql.types import TimestampNTZType, TimestampType

    schema = schema or targets.mart_schema("spark")
    directory = Path(spark_dir) if spark_dir is not None else targets.spark_dir()
    spark = targets.spark_session(directory)
    tables: dict[str, Table] = {}
    try:
        for name in names:
            if not spark.catalog.tableExists(f"{schema}.{name}"):
                continue  # reported as missing by compare_marts
            frame = spark.table(f"{schema}.{name}")
            stamps = {f.name for f in frame.schema.fields if isinstance(f.dataType, (TimestampType, TimestampNTZType))}
            frame = frame.selectExpr(
                *(f"cast(`{c}` as string) as `{c}`" if c in stamps else f"`{c}`" for c in frame.columns)
            )
            rows = []
            for row in frame.collect():
                rows.append(tuple(
                    dt.datetime.fromisoformat(v) if c in stamps and v is not None else v
                    for c, v in zip(frame.columns, row)
                ))
            tables[name] = make_table(frame.columns, rows)
    finally:
        spark.stop()
    return tables


def compare_targets(
    duckdb_database: Path | str,
    target: str,
    progress: Callable[[str], None] = print,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """Differences between the marts of `target` and those of the DuckDB file.

    The target's connection settings come from `env` (default: os.environ).
    """
    names = mart_names(duckdb_database)
    expected = read_duckdb(duckdb_database, names=names)
    if target == "postgres":
        actual = read_postgres(env=env, names=names)
    elif target == "spark":
        actual = read_spark(targets.spark_dir(env), targets.mart_schema("spark", env), names=names)
    else:
        raise targets.TargetError(f"compare: unknown target {target!r} (postgres or spark)")
    problems = compare_marts(expected, actual)
    for name in names:
        if not any(p.startswith(f"{name}:") for p in problems):
            progress(f"{name}: {len(expected[name].rows):,} rows, equal on {target} and duckdb")
    return problems
