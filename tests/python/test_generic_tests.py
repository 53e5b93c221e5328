"""The project's own generic tests fail where they should: not_null_columns
(one scan for the NULL checks of many columns) names each column holding
NULLs, with its row count, and passes on a model without any; primary_key
(not_null and unique in one scan) names each NULL or repeated key value."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from mqlfunnel.project import run_dbt


def _stored_failures(database: Path, test_prefix: str, columns: str) -> list[tuple]:
    """`columns` of the failures dbt stored (--store-failures) for the test whose name starts with `test_prefix`."""
    with duckdb.connect(str(database), read_only=True) as con:
        schema, table = con.execute("select table_schema, table_name from information_schema.tables "
                                    f"where table_name like '{test_prefix}%'").fetchone()
        return con.execute(f"select {columns} from {schema}.{table} order by 1 nulls last").fetchall()


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
    assert _stored_failures(database, "not_null_columns_dim_leads", "null_column, null_rows") == [
        ("channel", 3), ("lead_score", 1)]


def test_primary_key_fails_on_each_null_or_repeated_key(sample_warehouse: Path, tmp_path: Path) -> None:
    database = tmp_path / "keys.duckdb"
    shutil.copyfile(sample_warehouse, database)
    select = ["test", "--select", "dim_leads,test_name:primary_key", "--store-failures"]
    clean = run_dbt(select, duckdb_path=database, target_path=tmp_path / "clean", capture=True, check=False)
    assert clean.returncode == 0, clean.stdout[-3000:]
    assert "primary_key_dim_leads_lead_id" in clean.stdout and "unique_dim_leads" not in clean.stdout
    with duckdb.connect(str(database)) as con:
        first, second, third = [row[0] for row in con.execute(
            "select lead_id from main.dim_leads order by lead_id limit 3").fetchall()]
        con.execute(f"update main.dim_leads set lead_id = '{first}' where lead_id = '{second}'")
        con.execute(f"update main.dim_leads set lead_id = null where lead_id = '{third}'")
    broken = run_dbt(select, duckdb_path=database, target_path=tmp_path / "broken", capture=True, check=False)
    assert broken.returncode != 0
    assert "Got 2 results" in broken.stdout
    assert _stored_failures(database, "primary_key_dim_leads", "key_value, key_rows") == [(first, 2), (None, 1)]


def test_primary_key_unique_where_counts_only_the_rows_it_names(sample_warehouse: Path, tmp_path: Path) -> None:
    """int_audit__crm_leads: a row_key may repeat among quarantined and duplicate rows, not among used ones."""
    database = tmp_path / "audit_keys.duckdb"
    shutil.copyfile(sample_warehouse, database)
    select = ["test", "--select", "int_audit__crm_leads,test_name:primary_key"]
    assert run_dbt(select, duckdb_path=database, target_path=tmp_path / "clean", capture=True,
                   check=False).returncode == 0
    with duckdb.connect(str(database)) as con:
        schema = con.execute("select table_schema from information_schema.tables "
                             "where table_name = 'int_audit__crm_leads'").fetchone()[0]
        audit = f"{schema}.int_audit__crm_leads"
        con.execute(f"insert into {audit} select * from {audit} where row_bucket = 'duplicate' limit 1")
    assert run_dbt(select, duckdb_path=database, target_path=tmp_path / "repeated_duplicate", capture=True,
                   check=False).returncode == 0
    with duckdb.connect(str(database)) as con:
        con.execute(f"insert into {audit} select * from {audit} where row_bucket = 'used' limit 1")
    broken = run_dbt(select, duckdb_path=database, target_path=tmp_path / "repeated_used", capture=True, check=False)
    assert broken.returncode != 0 and "Got 1 result" in broken.stdout
