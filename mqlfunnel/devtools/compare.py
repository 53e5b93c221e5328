"""Developer tool: the one mart comparer. Two readings of the marts, row by row.

    mqlfunnel compare --reference before.duckdb --candidate after.duckdb   two DuckDB files
    mqlfunnel compare --target postgres|spark     a target against the DuckDB file (--database)

Every mart is read whole (``select *``) from each side, its values are
normalised (decimals as floats, timestamps as naive UTC datetimes, dates as
dates), its rows sorted, and the two sides compared column by column:
numbers within ``tolerance``, everything else exactly. The marts of
MART_KEYS are aligned on their key (rows only on one side are named as such);
any other mart is aligned by sorted position.

``tolerance`` (default TOLERANCE, 1e-9) is the one numeric parameter: two
numbers are equal when they differ by at most tolerance x max(1, |a|, |b|)
(``math.isclose`` with that relative and absolute tolerance). 1e-9 is what
the bench's raw-SQL baseline needs against the dbt marts (rates and averages
computed in another order differ in the last bits of a double) and what
PostgreSQL and Spark need against DuckDB; 0 compares exactly.

The bench (``mqlfunnel.devtools.bench``) compares its baseline with this module too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import duckdb

from mqlfunnel import targets
from mqlfunnel.schema import MARTS

TOLERANCE = 1e-9
MAX_EXAMPLES = 10  # differing or missing rows shown per mart

# The key of each mart that has one the comparison can rely on.
MART_KEYS: dict[str, tuple[str, ...]] = {
    "dim_leads": ("lead_id",),
    "fct_lead_score_events": ("lead_id", "rule_id"),
    "fct_funnel_monthly": ("month",),
    "fct_funnel_channel_monthly": ("month", "channel"),
}

Labels = tuple[str, str]  # what the reference and the candidate are called in the report


@dataclasses.dataclass(frozen=True)
class Table:
    """A mart read from one warehouse: column names and normalised, sorted rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclasses.dataclass
class Comparison:
    """Every mart of two readings: one summary per mart, and the marts that differ."""

    lines: list[str]
    differing: list[str]

    @property
    def agree(self) -> bool:
        return not self.differing


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


def _sort_key(row: Sequence[Any]) -> tuple:
    key = []
    for value in row:
        if value is None:
            key.append((0, 0))
        elif isinstance(value, float):
            key.append((1, float(f"{value:.9g}") if math.isfinite(value) else value))
        else:
            key.append((1, value))
    return tuple(key)


# Columns holding a build's own clock (the instant a status is as of, the
# instant a hand-off was enqueued), not a function of the raw rows: two builds
# of the same rows differ there by design, so comparisons leave them out.
BUILD_TIME_COLUMNS = frozenset({"status_as_of", "enqueued_at"})


def make_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    names = [c.lower() for c in columns]
    keep = [i for i, name in enumerate(names) if name not in BUILD_TIME_COLUMNS]
    normalised = [tuple(normalize(row[i]) for i in keep) for row in rows]
    normalised.sort(key=_sort_key)
    return Table(tuple(names[i] for i in keep), tuple(normalised))


def values_equal(expected: Any, actual: Any, tolerance: float = TOLERANCE) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=tolerance, abs_tol=tolerance)
    if type(expected) is not type(actual):  # noqa: E721 - date vs datetime must differ
        return False
    return expected == actual


@dataclasses.dataclass
class TableDiff:
    """How two readings of one mart differ (nothing, when `equal`)."""

    name: str
    labels: Labels
    reference_rows: int = 0
    candidate_rows: int = 0
    only_reference: int = 0
    only_candidate: int = 0
    differing: dict[str, int] = dataclasses.field(default_factory=dict)  # column -> rows that differ in it
    examples: list[str] = dataclasses.field(default_factory=list)
    problem: str | None = None  # a difference that stops the row comparison (columns, a missing mart)

    @property
    def equal(self) -> bool:
        return self.problem is None and not (self.only_reference or self.only_candidate or self.differing)

    def problems(self) -> list[str]:
        """One entry (several lines) describing the difference; empty when equal."""
        if self.equal:
            return []
        if self.problem is not None:
            return [f"{self.name}: {self.problem}"]
        ref, cand = self.labels
        head = (f"{self.name}: {ref} and {cand} differ: {self.reference_rows:,} rows {ref}, {self.candidate_rows:,}"
                f" {cand}; only in {ref} {self.only_reference:,}, only in {cand} {self.only_candidate:,};"
                f" differing values per column {self.differing}")
        return ["\n".join([head, *self.examples])]

    def summary(self) -> str:
        """One line when equal (how many rows), else the difference."""
        return f"{self.name}: {self.reference_rows:,} rows, all equal" if self.equal else self.problems()[0]


def _groups(table: Table, keys: tuple[int, ...]) -> dict[tuple, list[tuple]]:
    grouped: dict[tuple, list[tuple]] = {}
    for row in table.rows:  # sorted, so each group stays sorted
        grouped.setdefault(tuple(row[i] for i in keys), []).append(row)
    return grouped


def diff_tables(
    name: str,
    expected: Table,
    actual: Table,
    keys: Sequence[str] = (),
    tolerance: float = TOLERANCE,
    labels: Labels = ("expected", "found"),
) -> TableDiff:
    """Compare two readings of one mart. Rows are paired by `keys` (the rows of
    one key by sorted position); without keys, the whole table by sorted position."""
    ref, cand = labels
    diff = TableDiff(name, labels, len(expected.rows), len(actual.rows))
    if expected.columns != actual.columns:
        diff.problem = f"columns differ: {ref} {list(expected.columns)}, {cand} {list(actual.columns)}"
        return diff
    columns = expected.columns
    key_index = tuple(columns.index(k) for k in keys)
    reference, candidate = _groups(expected, key_index), _groups(actual, key_index)
    shown = 0

    def show(line: str) -> None:
        nonlocal shown
        shown += 1
        if shown <= MAX_EXAMPLES:
            diff.examples.append("    " + line)

    for key in sorted(reference.keys() | candidate.keys(), key=_sort_key):
        wanted, got = reference.get(key, []), candidate.get(key, [])
        for position, (want, have) in enumerate(zip(wanted, got)):
            bad = [i for i, (w, g) in enumerate(zip(want, have)) if not values_equal(w, g, tolerance)]
            if not bad:
                continue
            for i in bad:
                diff.differing[columns[i]] = diff.differing.get(columns[i], 0) + 1
            where = f"row {dict(zip(keys, key))}" if keys else f"sorted row {position}"
            shown_columns = bad if keys else range(len(columns))
            show(f"{where} differs in {', '.join(columns[i] for i in bad)}: "
                 f"{ref} {({columns[i]: want[i] for i in shown_columns})}, "
                 f"{cand} {({columns[i]: have[i] for i in shown_columns})}")
        for label, extra in ((ref, wanted[len(got):]), (cand, got[len(wanted):])):
            if label == ref:
                diff.only_reference += len(extra)
            else:
                diff.only_candidate += len(extra)
            for row in extra:
                show(f"only in {label}: {dict(zip(keys, key)) if keys else dict(zip(columns, row))}")
    if shown > MAX_EXAMPLES:
        diff.examples.append(f"    ... {shown - MAX_EXAMPLES} more differing rows")
    return diff


def compare_tables(name: str, expected: Table, actual: Table, keys: Sequence[str] = (),
                   tolerance: float = TOLERANCE, labels: Labels = ("expected", "found")) -> list[str]:
    """Differences between two readings of one mart, as readable entries (empty: equal)."""
    return diff_tables(name, expected, actual, keys, tolerance, labels).problems()


# ---------------------------------------------------------------------------
# readers
# ---------------------------------------------------------------------------

def _table_names(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> set[str]:
    return {row[0] for row in con.execute(
        "select table_name from information_schema.tables where table_catalog = ? and table_schema = ?",
        [catalog, schema],
    ).fetchall()}


def mart_names(database: Path | str, schema: str = "main") -> tuple[str, ...]:
    """Every table and view of a DuckDB file's mart schema, the contract's marts first."""
    with duckdb.connect(str(database), read_only=True) as con:
        found = _table_names(con, con.execute("select current_database()").fetchone()[0], schema)
    return ordered_marts(found)


def ordered_marts(found: set[str]) -> tuple[str, ...]:
    """The contract's marts first (those found), then the others by name."""
    return tuple(name for name in MARTS if name in found) + tuple(sorted(found - set(MARTS)))


def read_duckdb_table(con: duckdb.DuckDBPyConnection, relation: str) -> Table:
    cursor = con.execute(f"select * from {relation}")
    return make_table([d[0] for d in cursor.description], cursor.fetchall())


def read_duckdb(database: Path | str, schema: str = "main", names: tuple[str, ...] = MARTS) -> dict[str, Table]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {name: read_duckdb_table(con, f"{schema}.{name}") for name in names}


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
    tolerance: float = TOLERANCE,
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
    problems = [f"{name}: missing on the DuckDB reference" for name in MARTS if name not in expected]
    for name in names:
        if name not in actual:
            problems.append(f"{name}: missing on the compared target")
            continue
        diff = diff_tables(name, expected[name], actual[name], MART_KEYS.get(name, ()), tolerance,
                           labels=("duckdb", target))
        if diff.equal:
            progress(f"{name}: {len(expected[name].rows):,} rows, equal on {target} and duckdb")
        problems += diff.problems()
    return problems


def compare_duckdb(
    reference: Path | str,
    candidate: Path | str,
    names: Sequence[str] | None = None,
    reference_schema: str = "main",
    candidate_schema: str = "main",
    labels: Labels = ("reference", "candidate"),
    tolerance: float = TOLERANCE,
    progress: Callable[[str], None] | None = None,
) -> Comparison:
    """The marts of two DuckDB files, one mart at a time (each read whole, then
    released). `names`: the marts to compare (default: every table and view of
    either schema, the contract's marts first); one missing on a side differs."""
    lines: list[str] = []
    differing: list[str] = []
    with duckdb.connect() as con:
        con.execute(f"attach '{reference}' as reference (read_only)")
        con.execute(f"attach '{candidate}' as candidate (read_only)")
        found = {"reference": _table_names(con, "reference", reference_schema),
                 "candidate": _table_names(con, "candidate", candidate_schema)}
        for name in names if names is not None else ordered_marts(found["reference"] | found["candidate"]):
            missing = [label for side, label in zip(found, labels) if name not in found[side]]
            if missing:
                diff = TableDiff(name, labels, problem=f"missing on {' and '.join(missing)}")
            else:
                diff = diff_tables(name, read_duckdb_table(con, f"reference.{reference_schema}.{name}"),
                                   read_duckdb_table(con, f"candidate.{candidate_schema}.{name}"),
                                   MART_KEYS.get(name, ()), tolerance, labels)
            if not diff.equal:
                differing.append(name)
            lines.append(diff.summary())
            if progress is not None:
                progress(lines[-1])
    return Comparison(lines=lines, differing=differing)
