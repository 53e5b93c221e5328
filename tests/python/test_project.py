"""Project-level checks: dbt unit tests, lint, and a clear error on missing raw data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from mqlfunnel.project import PROJECT_DIR, run_dbt
from mqlfunnel.schema import create_raw_tables


def test_dbt_unit_tests_pass(tmp_path: Path) -> None:
    """Every rule-edge unit test runs and passes: dbt build on empty raw tables
    runs each model's unit tests before the model itself."""
    database = tmp_path / "unit.duckdb"
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
    result = run_dbt(["build"], duckdb_path=database, target_path=tmp_path / "target", check=False, capture=True)
    assert result.returncode == 0, result.stdout[-4000:]
    run_results = json.loads((tmp_path / "target" / "run_results.json").read_text())
    unit_tests = [r for r in run_results["results"] if r["unique_id"].startswith("unit_test.")]
    assert len(unit_tests) >= 20
    assert {r["status"] for r in unit_tests} == {"pass"}


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("drop table raw.email_events", "Missing raw source table(s): raw.email_events."),
        ("alter table raw.crm_leads drop column industry", "Missing raw column(s): raw.crm_leads.industry."),
    ],
)
def test_missing_raw_table_or_column_is_named_before_any_node(tmp_path: Path, damage: str, message: str) -> None:
    database = tmp_path / "partial.duckdb"
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
        con.execute(damage)
    result = run_dbt(["build"], duckdb_path=database, target_path=tmp_path / "target", check=False, capture=True)
    assert result.returncode != 0
    assert message in result.stdout
    # A start hook that stops the run leaves no run results: no seed, unit test or model ran.
    assert not (tmp_path / "target" / "run_results.json").exists()


def test_missing_raw_schema_is_named(tmp_path: Path) -> None:
    result = run_dbt(["build"], duckdb_path=tmp_path / "none.duckdb", target_path=tmp_path / "target", check=False, capture=True)
    assert result.returncode != 0
    assert "Missing raw schema(s): raw." in result.stdout


def test_sqlfluff_lint_is_clean(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "sqlfluff"), "lint", "models", "tests/singular", "analyses"],
        cwd=PROJECT_DIR,
        env={**os.environ, "MQL_DUCKDB_PATH": str(tmp_path / "lint.duckdb")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:]
