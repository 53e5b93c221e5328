"""Shared fixtures: fresh DuckDB warehouses built from hand-made raw data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import duckdb
import pytest

from mqlfunnel.project import PROJECT_DIR, connect_warehouse, run_dbt
from mqlfunnel.schema import create_raw_tables

RawFiller = Callable[[duckdb.DuckDBPyConnection], None]


def build_warehouse(
    directory: Path,
    fill: RawFiller,
    dbt_args: tuple[str, ...] = (),
    name: str = "warehouse",
) -> Path:
    """Create raw.* in a fresh DuckDB file, let `fill` insert rows, dbt build it."""
    database = directory / f"{name}.duckdb"
    with connect_warehouse(database) as con:
        create_raw_tables(con)
        fill(con)
    run_dbt(
        ["build", "--exclude", "test_type:unit", *dbt_args],
        duckdb_path=database,
        target_path=directory / f"{name}_target",
        capture=True,
    )
    return database


DUCKDB_14_VENV = PROJECT_DIR / ".tmp" / "duckdb14-venv"


def query_with(python: Path, database: Path, sql: str) -> subprocess.CompletedProcess[str]:
    """Run `sql` on `database`, opened read-only by the DuckDB of another interpreter; prints the rows."""
    script = "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True).execute(sys.argv[2]).fetchall())"
    return subprocess.run([str(python), "-c", script, str(database), sql], capture_output=True, text=True)


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="session")
def warehouse_builder(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    def _build(fill: RawFiller, *dbt_args: str, name: str = "warehouse") -> Path:
        return build_warehouse(tmp_path_factory.mktemp(name), fill, tuple(dbt_args), name)

    return _build


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from generated sample data (3,000 leads, Oct 2025 - Mar
    2026), shared by the semantic-layer, docs and dashboard tests."""
    from mqlfunnel.devtools.generator import generate

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        generate(con, leads=3_000, months=6, end_month="2026-03-01", seed=7)

    return build_warehouse(tmp_path_factory.mktemp("sample"), fill, name="sample")


@pytest.fixture(scope="session")
def duckdb14_python() -> Path:
    """The python of a venv with DuckDB 1.4, as an older BI tool has it (made once, kept in .tmp/duckdb14-venv)."""
    python = DUCKDB_14_VENV / "bin" / "python"
    check = [str(python), "-c", "import duckdb, sys; sys.exit(not duckdb.__version__.startswith('1.4.'))"]
    if not python.exists() or subprocess.run(check).returncode != 0:
        shutil.rmtree(DUCKDB_14_VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(DUCKDB_14_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "duckdb==1.4.*"], check=True)
    return python


@pytest.fixture(scope="session")
def small_raw_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Raw tables of 400 generated leads (Jan - Mar 2026), not built: tests
    copy the file and build it their way."""
    from mqlfunnel.devtools.generator import generate

    database = tmp_path_factory.mktemp("small_raw") / "sample_raw.duckdb"
    with connect_warehouse(database) as con:
        generate(con, leads=400, months=3, end_month="2026-03-01", seed=5)
    return database


@pytest.fixture(scope="session")
def parsed_manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The manifest of `dbt parse` with default vars, in a private target folder (no warehouse built)."""
    target = tmp_path_factory.mktemp("parse_target")
    result = run_dbt(["parse"], duckdb_path=target / "unused.duckdb", target_path=target, check=False, capture=True)
    assert result.returncode == 0, result.stdout[-4000:]
    return json.loads((target / "manifest.json").read_text())


def full_refresh_of(published: Path, folder: Path, name: str) -> Path:
    """A fresh warehouse `folder/<name>.duckdb` holding the raw rows of `published`,
    built with --full-refresh: what every incremental or intraday run must equal."""
    from mqlfunnel.project import NO_UNIT_TESTS
    from mqlfunnel.schema import RAW_TABLES

    reference = folder / f"{name}.duckdb"
    with connect_warehouse(reference) as con:
        con.execute(f"attach '{published}' as published (read_only)")
        con.execute("create schema raw")
        for table in RAW_TABLES:
            con.execute(f"create table raw.{table} as select * from published.raw.{table}")
    run_dbt(["build", "--full-refresh", *NO_UNIT_TESTS], duckdb_path=reference,
            target_path=folder / f"{name}_target", capture=True)
    return reference
