"""The project's own generic tests fail where they should: not_null_columns
(one scan for the NULL checks of many columns) names each column holding
NULLs, with its row count, and passes on a model without any."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from mqlfunnel.project import run_dbt


def test_not_null_columns_fails_once_per_column_with_nulls(sample_warehouse: Path, tmp_path: Path) -> None:
    database = tmp_path / "nulls.duckdb"
    shutil.copyfile(sample_warehouse, database)
    select = ["test", "--select", "dim_leads,test_name:not_null_columns", "--store-failures"]
    clean = run_dbt(select, duckdb_path=database, target_path=tmp_path / "clean", capture=True, check=False)
    assert clean.returncode == 0, clean.stdout[-3000:]
    with duckdb.connect(str(database)) as con:
        con.execute("update main.dim_leads set channel = null where lead_id in "
                    "(select lead_id from main.dim_leads order by lead_id limit 3)")
        con.execute("update main.dim_leads set lead_score = null where lead_id = (select max(lead_id) from main.dim_leads)")
    broken = run_dbt(select, duckdb_path=database, target_path=tmp_path / "broken", capture=True, check=False)
    assert broken.returncode != 0
    assert "Got 2 results" in broken.stdout
    with duckdb.connect(str(database), read_only=True) as con:
        table = con.execute("select table_schema, table_name from information_schema.tables "
                            "where table_name like 'not_null_columns_dim_leads%'").fetchone()
        failures = con.execute(f"select null_column, null_rows from {table[0]}.{table[1]} order by 1").fetchall()
    assert failures == [("channel", 3), ("lead_score", 1)]
