"""Shared fixtures: fresh DuckDB warehouses built from hand-made raw data."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import duckdb
import pytest

from mqlfunnel.project import run_dbt
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
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
        fill(con)
    run_dbt(
        ["build", "--exclude", "test_type:unit", *dbt_args],
        duckdb_path=database,
        target_path=directory / f"{name}_target",
        capture=True,
    )
    return database


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
    from mqlfunnel.generator import generate

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        generate(con, leads=3_000, months=6, end_month="2026-03-01", seed=7)

    return build_warehouse(tmp_path_factory.mktemp("sample"), fill, name="sample")
