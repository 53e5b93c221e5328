"""The loader (mqlfunnel load) on DuckDB and the mart comparison, without servers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from mqlfunnel.devtools.compare import compare_tables, make_table, values_equal
from mqlfunnel.loader import LoadError, find_exports, load
from mqlfunnel.schema import RAW_COLUMNS, RAW_TABLES, create_raw_tables


def _export(directory: Path, fmt: str) -> Path:
    """A tiny export: one lead with empty strings and NULLs, every other table empty."""
    source = directory / "source.duckdb"
    out = directory / fmt
    out.mkdir()
    with duckdb.connect(str(source)) as con:
        create_raw_tables(con)
        con.execute(
            """
            insert into raw.crm_leads values
                ('L1', 'a@b.com', 'VP, "Sales"', 'O''Brien Ltd', 'Software', 120, 'US',
                 '', null, 'www.google.com', timestamp '2026-03-01 10:00:00.123456',
                 timestamp '2026-03-02 00:00:00', false)
            """
        )
        con.execute("insert into raw.ad_spend values (date '2026-03-05', 'google_ads', 'google', 'cpc', 'c', 12.5, 'USD')")
        for table in RAW_TABLES:
            options = "format parquet" if fmt == "parquet" else "format csv, header true"
            con.execute(f"copy raw.{table} to '{out / f'{table}.{fmt}'}' ({options})")
    return out


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_load_duckdb_keeps_types_empty_strings_and_nulls(tmp_path: Path, fmt: str) -> None:
    export_dir = _export(tmp_path, fmt)
    database = tmp_path / f"loaded_{fmt}.duckdb"
    lines: list[str] = []
    counts = load(export_dir, "duckdb", progress=lines.append, duckdb_path=database)
    assert counts["crm_leads"] == 1 and counts["ad_spend"] == 1 and counts["email_events"] == 0
    assert [line.split(":")[0] for line in lines[1:]] == [f"raw.{t}" for t in RAW_TABLES]
    with duckdb.connect(str(database), read_only=True) as con:
        row = con.execute("select * from raw.crm_leads").fetchone()
        assert row[3] == "O'Brien Ltd" and row[2] == 'VP, "Sales"'
        assert row[7] == "" and row[8] is None  # '' stays '', NULL stays NULL
        assert row[10] == dt.datetime(2026, 3, 1, 10, 0, 0, 123456)
        for table, columns in RAW_COLUMNS.items():
            described = con.execute(f"describe raw.{table}").fetchall()
            assert [(c[0], c[1]) for c in described] == [(n, t) for n, t in columns], table
        assert con.execute("select spend from raw.ad_spend").fetchone()[0] == Decimal("12.50")


def test_missing_export_is_named(tmp_path: Path) -> None:
    export_dir = _export(tmp_path, "parquet")
    (export_dir / "email_events.parquet").unlink()
    with pytest.raises(LoadError, match=r"email_events\.parquet \(or email_events\.csv\)"):
        find_exports(export_dir)


def test_load_command_names_missing_file(tmp_path: Path) -> None:
    from target_helpers import mqlfunnel

    export_dir = _export(tmp_path, "csv")
    (export_dir / "program_costs.csv").unlink()
    result = mqlfunnel("--database", str(tmp_path / "x.duckdb"), "load", "--from", str(export_dir), "--target", "duckdb")
    assert result.returncode == 1
    assert "program_costs.parquet (or program_costs.csv)" in result.stderr


def test_postgres_load_without_credentials_says_which(tmp_path: Path) -> None:
    export_dir = _export(tmp_path, "parquet")
    with pytest.raises(Exception, match="MQL_PG_USER and MQL_PG_PASSWORD"):
        load(export_dir, "postgres", progress=lambda _: None, env={})


def test_values_equal_normalises_and_tolerates() -> None:
    assert values_equal(0.1 + 0.2, 0.3)
    assert values_equal(Decimal("12.50"), 12.5) is False  # raw Decimals are normalised by make_table
    table_a = make_table(["a", "b"], [(Decimal("12.50"), dt.date(2026, 3, 1))])
    table_b = make_table(["a", "b"], [(12.5 + 1e-12, dt.date(2026, 3, 1))])
    assert compare_tables("t", table_a, table_b) == []
    assert not values_equal(dt.date(2026, 3, 1), dt.datetime(2026, 3, 1))
    assert not values_equal(True, 1)
    assert values_equal(None, None) and not values_equal(None, 0)
    aware = dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert make_table(["t"], [(aware,)]).rows == ((dt.datetime(2026, 3, 1, 10),),)


def test_compare_tables_reports_rows_and_columns() -> None:
    expected = make_table(["id", "x"], [("a", 1), ("b", 2), ("c", 3)])
    assert compare_tables("m", expected, make_table(["id", "x"], [("c", 3), ("a", 1), ("b", 2)])) == []
    changed = compare_tables("m", expected, make_table(["id", "x"], [("a", 1), ("b", 5), ("c", 3)]))
    assert len(changed) == 1 and "differs in x" in changed[0]
    shorter = compare_tables("m", expected, make_table(["id", "x"], [("a", 1), ("b", 2)]))
    assert "3 rows expected, 2 found" in shorter[0]
    renamed = compare_tables("m", expected, make_table(["id", "y"], [("a", 1), ("b", 2), ("c", 3)]))
    assert "columns differ" in renamed[0]
