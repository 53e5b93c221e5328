"""SQL plumbing of the generator: Python values as SQL literals, and the runner
that substitutes the generation parameters (``$S``, ``$N``, ``$SPAN`` ...) into
each statement before DuckDB runs it."""

from __future__ import annotations

import time
from string import Template
from typing import Any, Callable, Iterable, Mapping

import duckdb


def lit(value: Any) -> str:
    """SQL literal for a Python scalar or (nested) list."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(lit(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def values_sql(rows: Iterable[Iterable[Any]]) -> str:
    """The rows of a ``VALUES`` list."""
    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


class Runner:
    """Runs the generator's statements on one connection with its parameters."""

    def __init__(self, con: duckdb.DuckDBPyConnection, params: Mapping[str, str],
                 progress: Callable[[str], None] | None) -> None:
        self.con = con
        self.params = params
        self.progress = progress
        self.t0 = time.perf_counter()

    def sql(self, text: str) -> None:
        self.con.execute(Template(text).substitute(self.params))

    def report(self, table: str, started: float) -> int:
        """Rows now in raw.<table>, reported with the seconds since `started`."""
        n = self.con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]
        if self.progress:
            self.progress(f"{table}: {n:,} rows ({time.perf_counter() - started:.1f} s)")
        return n
