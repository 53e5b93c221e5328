"""Load a folder of raw exports (``<table>.parquet`` or ``<table>.csv``, as
``mqlfunnel generate --export DIR`` writes them) into schema ``raw`` of a
target, with the landing types of CONTRACT section 2.

    mqlfunnel load --from DIR --target duckdb|postgres|spark

Every file is read by DuckDB with the contract's columns and types (a CSV's
quoted empty string stays an empty string, an unquoted empty field is NULL),
then:

* duckdb    inserted into ``raw.<table>`` of the DuckDB file;
* postgres  ``COPY ... FROM STDIN (FORMAT csv)`` through psycopg2 into
            ``raw.<table>`` (dropped with CASCADE and re-created, so dbt's
            staging views are rebuilt by the next ``dbt build``);
* spark     written to parquet, read by pyspark, cast to the contract types
            and saved with ``saveAsTable('raw.<table>')`` in the metastore and
            warehouse of ``$MQL_SPARK_DIR`` (the ones dbt's profile uses).

Each table's rows are counted on the target after loading.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable, Mapping

import duckdb

from mqlfunnel import targets
from mqlfunnel.project import connect_warehouse
from mqlfunnel.schema import RAW_COLUMNS, RAW_SCHEMA_NAME, RAW_TABLES

Progress = Callable[[str], None]
FORMATS: tuple[str, ...] = ("parquet", "csv")

# Contract landing type -> the type used on each target.
_POSTGRES_TYPES = {"VARCHAR": "text", "DOUBLE": "double precision"}
_SPARK_TYPES = {"VARCHAR": "string", "INTEGER": "int", "DOUBLE": "double"}


class LoadError(RuntimeError):
    """A raw export is missing or unreadable, or the target refused it."""


def find_exports(folder: Path | str) -> dict[str, Path]:
    """The export file of every raw table in `folder` (parquet preferred over csv).

    Raises LoadError naming every table whose file is missing.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise LoadError(f"export folder {folder} does not exist")
    found: dict[str, Path] = {}
    missing: list[str] = []
    for table in RAW_TABLES:
        for fmt in FORMATS:
            path = folder / f"{table}.{fmt}"
            if path.is_file():
                found[table] = path
                break
        else:
            missing.append(f"{table}.parquet (or {table}.csv)")
    if missing:
        raise LoadError(f"missing raw export file(s) in {folder}: {', '.join(missing)}")
    return found


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _typed_select(table: str, path: Path) -> str:
    """SELECT of one export file with the contract's column names and types."""
    columns = RAW_COLUMNS[table]
    if path.suffix == ".csv":
        spec = ", ".join(f"{_sql_string(name)}: {_sql_string(type_)}" for name, type_ in columns)
        source = (
            f"read_csv({_sql_string(str(path))}, header = true, columns = {{{spec}}}, "
            "allow_quoted_nulls = false, auto_detect = false)"
        )
    else:
        source = f"read_parquet({_sql_string(str(path))})"
    casts = ", ".join(f'cast("{name}" as {type_}) as "{name}"' for name, type_ in columns)
    return f"select {casts} from {source}"


def _read(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """Materialise one export file as temp table `src_<table>` in `con`."""
    try:
        con.execute(f"create or replace temp table src_{table} as {_typed_select(table, path)}")
    except duckdb.Error as exc:
        raise LoadError(f"cannot read {path} as raw.{table}: {exc}") from exc


def _ddl(table: str, type_map: Mapping[str, str]) -> str:
    return ", ".join(f"{name} {type_map.get(type_, type_)}" for name, type_ in RAW_COLUMNS[table])


def _count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    return int(con.execute(f"select count(*) from {relation}").fetchone()[0])


# ---------------------------------------------------------------------------
# targets
# ---------------------------------------------------------------------------

def _load_duckdb(files: dict[str, Path], progress: Progress, database: Path) -> dict[str, int]:
    database.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with connect_warehouse(database) as con:
        con.execute(f"create schema if not exists {RAW_SCHEMA_NAME}")
        for table, path in files.items():
            started = time.perf_counter()
            _read(con, table, path)
            con.execute(f"create or replace table {RAW_SCHEMA_NAME}.{table} ({_ddl(table, {})})")
            con.execute(f"insert into {RAW_SCHEMA_NAME}.{table} select * from src_{table}")
            counts[table] = _count(con, f"{RAW_SCHEMA_NAME}.{table}")
            progress(f"raw.{table}: {counts[table]:,} rows from {path.name} ({time.perf_counter() - started:.1f} s)")
    return counts


def _load_postgres(files: dict[str, Path], progress: Progress, env: Mapping[str, str] | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    pg = targets.postgres_connect(env)
    try:
        with duckdb.connect() as con, tempfile.TemporaryDirectory(prefix="mqlfunnel-load-") as scratch:
            with pg.cursor() as cur:
                cur.execute(f"create schema if not exists {RAW_SCHEMA_NAME}")
            pg.commit()
            for table, path in files.items():
                started = time.perf_counter()
                _read(con, table, path)
                csv_path = Path(scratch) / f"{table}.csv"
                con.execute(f"copy src_{table} to {_sql_string(str(csv_path))} (format csv, header true)")
                expected = _count(con, f"src_{table}")
                relation = f"{RAW_SCHEMA_NAME}.{table}"
                with pg.cursor() as cur, open(csv_path, encoding="utf-8") as data:
                    cur.execute(f"drop table if exists {relation} cascade")
                    cur.execute(f"create table {relation} ({_ddl(table, _POSTGRES_TYPES)})")
                    cur.copy_expert(f"copy {relation} from stdin with (format csv, header true)", data)
                    cur.execute(f"select count(*) from {relation}")
                    counts[table] = int(cur.fetchone()[0])
                pg.commit()
                if counts[table] != expected:
                    raise LoadError(f"raw.{table}: {expected:,} rows read but {counts[table]:,} loaded")
                progress(f"raw.{table}: {counts[table]:,} rows from {path.name} ({time.perf_counter() - started:.1f} s)")
    except Exception:
        pg.rollback()
        raise
    finally:
        pg.close()
    return counts


def _load_spark(files: dict[str, Path], progress: Progress, spark_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    spark = targets.spark_session(spark_dir)
    try:
        spark.sql(f"create database if not exists {RAW_SCHEMA_NAME}")
        with duckdb.connect() as con, tempfile.TemporaryDirectory(prefix="load-", dir=spark_dir) as scratch:
            for table, path in files.items():
                started = time.perf_counter()
                _read(con, table, path)
                parquet_path = Path(scratch) / f"{table}.parquet"
                con.execute(f"copy src_{table} to {_sql_string(str(parquet_path))} (format parquet)")
                expected = _count(con, f"src_{table}")
                frame = spark.read.parquet(str(parquet_path)).selectExpr(
                    *(f"cast(`{name}` as {_SPARK_TYPES.get(type_, type_)}) as `{name}`" for name, type_ in RAW_COLUMNS[table])
                )
                relation = f"{RAW_SCHEMA_NAME}.{table}"
                spark.sql(f"drop table if exists {relation}")
                frame.write.mode("overwrite").format("parquet").saveAsTable(relation)
                counts[table] = int(spark.sql(f"select count(*) from {relation}").collect()[0][0])
                if counts[table] != expected:
                    raise LoadError(f"raw.{table}: {expected:,} rows read but {counts[table]:,} loaded")
                progress(f"raw.{table}: {counts[table]:,} rows from {path.name} ({time.perf_counter() - started:.1f} s)")
    finally:
        spark.stop()
    return counts


def load(
    folder: Path | str,
    target: str,
    progress: Progress = print,
    duckdb_path: Path | str | None = None,
    spark_dir: Path | str | None = None,
    env: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Load every raw table's export from `folder` into schema raw of `target`.

    Returns the row count of every loaded table. Connection settings come
    from the environment, as in profiles/profiles.yml (mqlfunnel.targets);
    `duckdb_path` and `spark_dir` override MQL_DUCKDB_PATH and MQL_SPARK_DIR.
    """
    if target not in targets.TARGETS:
        raise LoadError(f"unknown target {target!r}: choose one of {', '.join(targets.TARGETS)}")
    files = find_exports(folder)
    if target == "duckdb":
        database = Path(duckdb_path) if duckdb_path is not None else targets.duckdb_path(env)
        progress(f"loading {len(files)} raw tables from {folder} into DuckDB {database}")
        return _load_duckdb(files, progress, database)
    if target == "postgres":
        params = targets.postgres_params(env)
        progress(f"loading {len(files)} raw tables from {folder} into PostgreSQL "
                 f"{params['host']}:{params['port']}/{params['dbname']} as {params['user']}")
        return _load_postgres(files, progress, env)
    directory = Path(spark_dir).resolve() if spark_dir is not None else targets.spark_dir(env)
    directory.mkdir(parents=True, exist_ok=True)
    progress(f"loading {len(files)} raw tables from {folder} into Spark (metastore and warehouse in {directory})")
    return _load_spark(files, progress, directory)
