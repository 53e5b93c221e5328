"""The one mart comparer between two DuckDB files (mqlfunnel compare
--reference A --candidate B), on small hand-made mart schemas: no dbt."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from mqlfunnel.cli import main
from mqlfunnel.devtools.compare import compare_duckdb


@pytest.fixture()
def reference(tmp_path: Path) -> Path:
    """A DuckDB file whose schema main holds a keyed mart, an unkeyed one and a view."""
    path = tmp_path / "reference.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table main.fct_funnel_monthly (month date, mqls integer, mql_to_sql_rate double)")
        con.execute("insert into main.fct_funnel_monthly values (date '2026-01-01', 10, 0.3),"
                    " (date '2026-02-01', 12, 0.25), (date '2026-03-01', 9, 1 / 3)")
        con.execute("create table main.fct_other (channel varchar, spend decimal(18, 2))")
        con.execute("insert into main.fct_other values ('email', 12.50), ('direct', 0), (null, 3.10)")
        con.execute("create view main.v_other as select * from main.fct_other")
    return path


def _copy(source: Path, name: str, *statements: str) -> Path:
    target = source.with_name(name)
    shutil.copy(source, target)
    with duckdb.connect(str(target)) as con:
        for statement in statements:
            con.execute(statement)
    return target


def test_equal_files_agree(reference: Path) -> None:
    # the same rows in another order, a rate computed another way (last bits of a double)
    candidate = _copy(reference, "candidate.duckdb",
                      "create or replace table main.fct_other as select * from main.fct_other order by channel desc",
                      "update main.fct_funnel_monthly set mql_to_sql_rate = 3.0 / 9.0 where mqls = 9")
    comparison = compare_duckdb(reference, candidate)
    assert comparison.agree, comparison.lines
    assert comparison.lines == ["fct_funnel_monthly: 3 rows, all equal", "fct_other: 3 rows, all equal",
                                "v_other: 3 rows, all equal"]


def test_a_changed_value_is_found(reference: Path) -> None:
    candidate = _copy(reference, "changed.duckdb",
                      "update main.fct_funnel_monthly set mqls = 13 where month = date '2026-02-01'",
                      "update main.fct_other set spend = 12.51 where channel = 'email'")
    comparison = compare_duckdb(reference, candidate)
    assert not comparison.agree
    assert comparison.differing == ["fct_funnel_monthly", "fct_other", "v_other"]
    report = "\n".join(comparison.lines)
    assert "differing values per column {'mqls': 1}" in report
    assert "row {'month': datetime.date(2026, 2, 1)} differs in mqls: reference {'mqls': 12}, candidate {'mqls': 13}" in report
    assert "differs in spend" in report and "12.51" in report


def test_missing_rows_and_marts_are_named(reference: Path) -> None:
    candidate = _copy(reference, "shorter.duckdb", "delete from main.fct_funnel_monthly where mqls = 9",
                      "drop view main.v_other", "create table main.fct_new (x integer)")
    comparison = compare_duckdb(reference, candidate)
    lines = dict(line.split(": ", 1) for line in (entry.splitlines()[0] for entry in comparison.lines))
    assert lines["fct_funnel_monthly"].startswith("reference and candidate differ: 3 rows reference, 2 candidate;"
                                                  " only in reference 1, only in candidate 0")
    assert "only in reference: {'month': datetime.date(2026, 3, 1)}" in "\n".join(comparison.lines)
    assert lines["v_other"] == "missing on candidate"
    assert lines["fct_new"] == "missing on reference"
    assert lines["fct_other"] == "3 rows, all equal"


def test_tolerance_is_one_parameter(reference: Path) -> None:
    candidate = _copy(reference, "close.duckdb", "update main.fct_funnel_monthly set mql_to_sql_rate = 0.3 + 1e-12"
                      " where mqls = 10")
    assert compare_duckdb(reference, candidate).agree
    assert not compare_duckdb(reference, candidate, tolerance=0).agree


def test_compare_command_exit_codes(reference: Path, capsys: pytest.CaptureFixture[str]) -> None:
    same = _copy(reference, "same.duckdb")
    assert main(["compare", "--reference", str(reference), "--candidate", str(same)]) == 0
    out = capsys.readouterr().out
    assert "fct_funnel_monthly: 3 rows, all equal" in out and out.rstrip().splitlines()[-1].startswith("OK: 3 of 3")
    changed = _copy(reference, "changed.duckdb", "update main.fct_other set channel = 'other' where channel = 'direct'")
    assert main(["compare", "--reference", str(reference), "--candidate", str(changed)]) == 1
    assert capsys.readouterr().out.rstrip().splitlines()[-1].startswith("DIFFERENT: 1 of 3")
    assert main(["compare", "--reference", str(reference)]) == 2
    assert main(["compare", "--reference", str(reference), "--candidate", str(reference.with_name("none.duckdb"))]) == 1
    assert "no such DuckDB file" in capsys.readouterr().err
