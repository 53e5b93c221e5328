"""Prove two DuckDB files hold the same raw.* tables, row for row.

    .venv/bin/python scripts/raw_equal.py before.duckdb after.duckdb

For every raw table of the contract: the row count of each side and the rows
of each side missing from the other (``except all``, so duplicates count),
and the rows not at the same place (rowid) on both sides.
Exit 1 on any difference.
"""

from __future__ import annotations

import sys

import duckdb

from mqlfunnel.schema import RAW_TABLES


def main(reference: str, candidate: str) -> int:
    differences = 0
    with duckdb.connect() as con:
        con.execute(f"attach '{reference}' as a (read_only)")
        con.execute(f"attach '{candidate}' as b (read_only)")
        for table in RAW_TABLES:
            count_a, count_b = (con.execute(f"select count(*) from {side}.raw.{table}").fetchone()[0] for side in "ab")
            only_a, only_b = (
                con.execute(f"select count(*) from (from {x}.raw.{table} except all from {y}.raw.{table})").fetchone()[0]
                for x, y in ("ab", "ba")
            )
            # and in the same order: (rowid, row) pairs that differ
            moved = con.execute(f"select count(*) from (select rowid, * from a.raw.{table}"
                                f" except all select rowid, * from b.raw.{table})").fetchone()[0]
            ok = count_a == count_b and only_a == only_b == moved == 0
            differences += not ok
            print(f"raw.{table}: {count_a:,} / {count_b:,} rows, only in reference {only_a:,}, "
                  f"only in candidate {only_b:,}, out of place {moved:,}: {'OK' if ok else 'DIFFERENT'}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
