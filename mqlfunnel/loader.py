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

Vendor exports (CONTRACT section 7)
-----------------------------------
The folder may also hold one sub-folder per schema an EL tool lands
(``hubspot/``, ``segment/``, ``google_ads/``, ...; as in
``shared/fixtures/fivetran/``), one ``<table>.csv`` or ``<table>.parquet`` per
table. Each sub-folder lands in the schema of its name (``schema_prefix`` +
name), each file in the table of its name, with the columns it has: vendor
files are read as landed, not mapped. A folder with sub-folders may hold any
of the raw exports beside them (those present land in ``raw``); a folder
without sub-folders is a raw export and must hold every raw table.

Types of a vendor CSV (DuckDB's CSV sniffer over the whole file, header row
required; a UTF-8 byte-order mark before it is dropped):

* the sniffer's type for every column: ``TRUE``/``FALSE`` (any case) text is
  BOOLEAN, whole numbers BIGINT (HUGEINT when too big), other numbers
  DOUBLE, ISO dates DATE, date-times TIMESTAMP, anything else VARCHAR;
* a numeric column holding a digit string with a leading zero (``'001'``,
  ``'-007'``) is VARCHAR instead, so no digit is lost (DuckDB >= 2.0 already
  sniffs most of these as VARCHAR; older ones do not);
* a date-time with an offset (TIMESTAMP WITH TIME ZONE) becomes a UTC
  TIMESTAMP by its own offset (CONTRACT: all timestamps are UTC);
* an empty field, quoted or not, is NULL; a column with no value at all is
  VARCHAR (all NULL).

A vendor Parquet file keeps its own types, TIMESTAMP WITH TIME ZONE again
turned into UTC TIMESTAMP. On PostgreSQL and Spark each DuckDB type is
mapped to the nearest type (``_postgres_type`` / ``_spark_type``); types they
lack (lists, structs, TIME on Spark, ...) land as text.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
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
    """A raw or vendor export is missing or unreadable, or the target refused it."""


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PREFIX = re.compile(r"[A-Za-z0-9_]*")


@dataclass(frozen=True)
class VendorTable:
    """One vendor export file and the relation it lands in."""

    schema: str
    table: str
    path: Path

    @property
    def relation(self) -> str:
        return f"{self.schema}.{self.table}"

    @property
    def label(self) -> str:
        """The file as the user knows it: <folder>/<file>."""
        return f"{self.path.parent.name}/{self.path.name}"


@dataclass(frozen=True)
class Exports:
    """What a --from folder holds: raw exports and vendor exports."""

    raw: dict[str, Path]
    vendor: list[VendorTable] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def vendor_schemas(self) -> list[str]:
        return sorted({table.schema for table in self.vendor})


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


def _data_files(folder: Path) -> dict[str, Path]:
    """`<name>` -> file for the .parquet / .csv files of `folder` (parquet preferred)."""
    files: dict[str, Path] = {}
    for fmt in reversed(FORMATS):
        for path in sorted(folder.glob(f"*.{fmt}")):
            if path.is_file() and not path.name.startswith("."):
                files[path.name[: -len(fmt) - 1]] = path
    return files


def find_vendor_exports(folder: Path | str, schema_prefix: str = "") -> list[VendorTable]:
    """The vendor export files of `folder`: `<schema>/<table>.(parquet|csv)`.

    A sub-folder without data files is not a vendor folder. Raises LoadError
    naming a folder or file whose name cannot be a schema or table name.
    """
    folder = Path(folder)
    if not _PREFIX.fullmatch(schema_prefix):
        raise LoadError(f"schema prefix {schema_prefix!r}: use letters, digits and _ only")
    tables: list[VendorTable] = []
    for sub in sorted(path for path in folder.iterdir() if path.is_dir() and not path.name.startswith(".")):
        files = _data_files(sub)
        if not files:
            continue
        schema = schema_prefix + sub.name
        if not _IDENTIFIER.fullmatch(schema):
            raise LoadError(f"vendor folder {sub}: {schema!r} is not a schema name (letters, digits and _, "
                            "not starting with a digit)")
        if schema.lower() == RAW_SCHEMA_NAME:
            raise LoadError(f"vendor folder {sub}: schema {RAW_SCHEMA_NAME} is the raw exports' own; put raw "
                            f"exports directly in {folder} (or pass a schema prefix)")
        for table, path in files.items():
            if not _IDENTIFIER.fullmatch(table):
                raise LoadError(f"vendor file {path}: {table!r} is not a table name (letters, digits and _, "
                                "not starting with a digit)")
            tables.append(VendorTable(schema, table, path))
    return tables


def discover(folder: Path | str, schema_prefix: str = "") -> Exports:
    """Everything `mqlfunnel load --from folder` loads.

    Without vendor sub-folders the folder is a raw export (find_exports: every
    raw table required); with them, the raw exports present are loaded too.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise LoadError(f"export folder {folder} does not exist")
    vendor = find_vendor_exports(folder, schema_prefix)
    if not vendor:
        return Exports(raw=find_exports(folder))
    top = _data_files(folder)
    raw = {table: top[table] for table in RAW_TABLES if table in top}
    ignored = [f"{path.name} (not a raw table of the contract)" for name, path in top.items() if name not in raw]
    return Exports(raw=raw, vendor=vendor, ignored=ignored)


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
# vendor files: types as landed
# ---------------------------------------------------------------------------

_NUMERIC = re.compile(r"U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|REAL|DOUBLE|DECIMAL.*|NUMERIC.*")
_TIMESTAMPTZ = ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ")
# A digit string with a leading zero: '001', '-007', '00.50'.
_LEADING_ZERO = r"[+-]?0[0-9]+([.][0-9]*)?"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass
class VendorRead:
    """How one vendor file is read: its SELECT, its columns (name, DuckDB type) and the notes."""

    select: str
    columns: list[tuple[str, str]]
    notes: list[str]

    def type_summary(self) -> str:
        counts: dict[str, int] = {}
        for _, type_ in self.columns:
            counts[type_] = counts.get(type_, 0) + 1
        return ", ".join(f"{n} {t}" for t, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _csv_source(path: Path, varchar: list[str]) -> str:
    types = ""
    if varchar:
        types = ", types = {" + ", ".join(f"{_sql_string(name)}: 'VARCHAR'" for name in varchar) + "}"
    return f"read_csv({_sql_string(str(path))}, header = true, skip = 0, delim = ',', sample_size = -1{types})"


def _describe(con: duckdb.DuckDBPyConnection, source: str) -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in con.execute(f"describe select * from {source}").fetchall()]


def vendor_read(con: duckdb.DuckDBPyConnection, table: VendorTable) -> VendorRead:
    """The SELECT that reads one vendor file with the types of the module docstring.

    Raises LoadError naming the file when DuckDB cannot read it.
    """
    path = table.path
    notes: list[str] = []
    if path.suffix == ".csv" and not path.read_bytes()[:4096].lstrip(b"\xef\xbb\xbf \t\r\n"):
        raise LoadError(f"cannot read {path} as {table.relation}: the file is empty (a vendor CSV starts with a "
                        "header row naming its columns)")
    try:
        if path.suffix == ".csv":
            sniffed = _describe(con, _csv_source(path, []))
            numeric = [name for name, type_ in sniffed if _NUMERIC.fullmatch(type_)]
            varchar: list[str] = []
            if numeric:
                probe = _csv_source(path, numeric)
                checks = ", ".join(
                    f"count(*) filter (where regexp_full_match(trim({_quote(name)}), {_sql_string(_LEADING_ZERO)}))"
                    for name in numeric
                )
                found = con.execute(f"select {checks} from {probe}").fetchone()
                varchar = [name for name, hits in zip(numeric, found) if hits]
            if varchar:
                notes.append(f"kept as VARCHAR (leading zeros): {', '.join(varchar)}")
            source = _csv_source(path, varchar)
        else:
            source = f"read_parquet({_sql_string(str(path))})"
        landed = _describe(con, source)
    except duckdb.Error as exc:
        raise LoadError(f"cannot read {path} as {table.relation}: {_duckdb_message(exc)}") from exc
    if not landed:
        raise LoadError(f"cannot read {path} as {table.relation}: no columns")
    if path.suffix == ".csv" and len(landed) == 1:
        other = [name for name, sep in (("semicolon", ";"), ("tab", "\t"), ("pipe", "|")) if sep in landed[0][0]]
        if other:
            raise LoadError(f"cannot read {path} as {table.relation}: its header looks {other[0]}-separated; "
                            "a vendor CSV is comma-separated")
    expressions: list[str] = []
    columns: list[tuple[str, str]] = []
    converted: list[str] = []
    for name, type_ in landed:
        if type_ in _TIMESTAMPTZ:
            expressions.append(f"timezone('UTC', {_quote(name)}) as {_quote(name)}")
            columns.append((name, "TIMESTAMP"))
            converted.append(name)
        else:
            expressions.append(_quote(name))
            columns.append((name, type_))
    if converted:
        notes.append(f"UTC TIMESTAMP from offsets: {', '.join(converted)}")
    return VendorRead(f"select {', '.join(expressions)} from {source}", columns, notes)


def _duckdb_message(exc: duckdb.Error) -> str:
    """The first lines of a DuckDB error (its CSV errors go on for a page), with a hint for CSV dialect errors."""
    lines = [line for line in str(exc).splitlines() if line.strip()]
    message = " ".join(lines[:2])
    if "sniff" in message.lower() or "Expected Number of Columns" in str(exc):
        message += (" (a vendor CSV is comma-separated, its first line the header, every row with as many fields as "
                    "the header, quotes closed)")
    return message


def _read_vendor(con: duckdb.DuckDBPyConnection, table: VendorTable, temp: str) -> VendorRead:
    """Materialise one vendor file as temp table `temp` in `con`."""
    read = vendor_read(con, table)
    try:
        con.execute(f"create or replace temp table {temp} as {read.select}")
    except duckdb.Error as exc:
        raise LoadError(f"cannot read {table.path} as {table.relation}: {_duckdb_message(exc)}") from exc
    return read


def _vendor_progress(table: VendorTable, rows: int, read: VendorRead, started: float) -> str:
    notes = "".join(f"; {note}" for note in read.notes)
    return (f"{table.relation}: {rows:,} rows, {len(read.columns)} columns from {table.label} "
            f"({time.perf_counter() - started:.1f} s; {read.type_summary()}{notes})")


def _postgres_type(type_: str) -> tuple[str, bool]:
    """(PostgreSQL type, whether DuckDB casts the column to VARCHAR first) for a DuckDB type."""
    simple = {
        "VARCHAR": "text", "BOOLEAN": "boolean", "TINYINT": "smallint", "SMALLINT": "smallint",
        "INTEGER": "integer", "BIGINT": "bigint", "HUGEINT": "numeric(39,0)", "UTINYINT": "smallint",
        "USMALLINT": "integer", "UINTEGER": "bigint", "UBIGINT": "numeric(20,0)", "FLOAT": "real",
        "DOUBLE": "double precision", "DATE": "date", "TIMESTAMP": "timestamp", "TIMESTAMP_S": "timestamp",
        "TIMESTAMP_MS": "timestamp", "TIMESTAMP_NS": "timestamp", "TIME": "time", "UUID": "uuid",
    }
    if type_ in simple:
        return simple[type_], False
    decimal = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", type_)
    if decimal:
        return f"numeric({decimal.group(1)},{decimal.group(2)})", False
    return "text", True


def _spark_type(type_: str) -> tuple[str, bool]:
    """(Spark type, whether DuckDB casts the column to VARCHAR before writing parquet) for a DuckDB type."""
    simple = {
        "VARCHAR": "string", "BOOLEAN": "boolean", "TINYINT": "tinyint", "SMALLINT": "smallint",
        "INTEGER": "int", "BIGINT": "bigint", "UTINYINT": "smallint", "USMALLINT": "int", "UINTEGER": "bigint",
        "FLOAT": "float", "DOUBLE": "double", "DATE": "date", "TIMESTAMP": "timestamp",
        "TIMESTAMP_S": "timestamp", "TIMESTAMP_MS": "timestamp", "TIMESTAMP_NS": "timestamp",
    }
    if type_ in simple:
        return simple[type_], False
    if type_ in ("HUGEINT", "UBIGINT"):
        return "decimal(38,0)", True  # through text: parquet would write HUGEINT as DOUBLE
    decimal = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", type_)
    if decimal:
        return f"decimal({decimal.group(1)},{decimal.group(2)})", False
    return "string", True


def _portable_select(temp: str, columns: list[tuple[str, str]], type_of: Callable[[str], tuple[str, bool]]) -> str:
    """SELECT of temp table `temp` with the columns a target lacks a type for cast to VARCHAR."""
    parts = [
        f"cast({_quote(name)} as VARCHAR) as {_quote(name)}" if type_of(type_)[1] else _quote(name)
        for name, type_ in columns
    ]
    return f"select {', '.join(parts)} from {temp}"


def _temp_name(table: VendorTable) -> str:
    return f"vendor_{table.schema}__{table.table}"


# ---------------------------------------------------------------------------
# targets
# ---------------------------------------------------------------------------

def _load_duckdb(exports: Exports, progress: Progress, database: Path) -> dict[str, int]:
    database.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with connect_warehouse(database) as con:
        if exports.raw:
            con.execute(f"create schema if not exists {RAW_SCHEMA_NAME}")
        for table, path in exports.raw.items():
            started = time.perf_counter()
            _read(con, table, path)
            con.execute(f"create or replace table {RAW_SCHEMA_NAME}.{table} ({_ddl(table, {})})")
            con.execute(f"insert into {RAW_SCHEMA_NAME}.{table} select * from src_{table}")
            counts[table] = _count(con, f"{RAW_SCHEMA_NAME}.{table}")
            progress(f"raw.{table}: {counts[table]:,} rows from {path.name} ({time.perf_counter() - started:.1f} s)")
        for schema in exports.vendor_schemas:
            con.execute(f"create schema if not exists {_quote(schema)}")
        for vendor in exports.vendor:
            started = time.perf_counter()
            read = vendor_read(con, vendor)
            relation = f"{_quote(vendor.schema)}.{_quote(vendor.table)}"
            try:
                con.execute(f"create or replace table {relation} as {read.select}")
            except duckdb.Error as exc:
                raise LoadError(f"cannot read {vendor.path} as {vendor.relation}: {_duckdb_message(exc)}") from exc
            counts[vendor.relation] = _count(con, relation)
            progress(_vendor_progress(vendor, counts[vendor.relation], read, started))
    return counts


def _load_postgres(exports: Exports, progress: Progress, env: Mapping[str, str] | None) -> dict[str, int]:
    import psycopg2

    counts: dict[str, int] = {}
    pg = targets.postgres_connect(env)
    try:
        with duckdb.connect() as con, tempfile.TemporaryDirectory(prefix="mqlfunnel-load-") as scratch:
            with pg.cursor() as cur:
                for schema in ([RAW_SCHEMA_NAME] if exports.raw else []) + exports.vendor_schemas:
                    cur.execute(f"create schema if not exists {_quote(schema)}")
            pg.commit()
            for table, path in exports.raw.items():
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
            for vendor in exports.vendor:
                started = time.perf_counter()
                temp = _temp_name(vendor)
                read = _read_vendor(con, vendor, temp)
                csv_path = Path(scratch) / f"{temp}.csv"
                con.execute(f"copy ({_portable_select(temp, read.columns, _postgres_type)}) "
                            f"to {_sql_string(str(csv_path))} (format csv, header true)")
                expected = _count(con, temp)
                con.execute(f"drop table {temp}")
                relation = f"{_quote(vendor.schema)}.{_quote(vendor.table)}"
                ddl = ", ".join(f"{_quote(name)} {_postgres_type(type_)[0]}" for name, type_ in read.columns)
                try:
                    with pg.cursor() as cur, open(csv_path, encoding="utf-8") as data:
                        cur.execute(f"drop table if exists {relation} cascade")
                        cur.execute(f"create table {relation} ({ddl})")
                        cur.copy_expert(f"copy {relation} from stdin with (format csv, header true)", data)
                        cur.execute(f"select count(*) from {relation}")
                        counts[vendor.relation] = int(cur.fetchone()[0])
                    pg.commit()
                except psycopg2.Error as exc:
                    raise LoadError(f"PostgreSQL refused {vendor.path} as {vendor.relation}: {str(exc).strip()}") from exc
                if counts[vendor.relation] != expected:
                    raise LoadError(f"{vendor.relation}: {expected:,} rows read from {vendor.path} "
                                    f"but {counts[vendor.relation]:,} loaded")
                progress(_vendor_progress(vendor, counts[vendor.relation], read, started))
    except Exception:
        pg.rollback()
        raise
    finally:
        pg.close()
    return counts


def _load_spark(exports: Exports, progress: Progress, spark_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    spark = targets.spark_session(spark_dir)
    try:
        for schema in ([RAW_SCHEMA_NAME] if exports.raw else []) + exports.vendor_schemas:
            spark.sql(f"create database if not exists `{schema}`")
        with duckdb.connect() as con, tempfile.TemporaryDirectory(prefix="load-", dir=spark_dir) as scratch:
            for table, path in exports.raw.items():
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
            for vendor in exports.vendor:
                started = time.perf_counter()
                temp = _temp_name(vendor)
                read = _read_vendor(con, vendor, temp)
                parquet_path = Path(scratch) / f"{temp}.parquet"
                con.execute(f"copy ({_portable_select(temp, read.columns, _spark_type)}) "
                            f"to {_sql_string(str(parquet_path))} (format parquet)")
                expected = _count(con, temp)
                con.execute(f"drop table {temp}")
                relation = f"`{vendor.schema}`.`{vendor.table}`"
                try:
                    frame = spark.read.parquet(str(parquet_path)).selectExpr(
                        *(f"cast(`{name.replace('`', '``')}` as {_spark_type(type_)[0]}) as `{name.replace('`', '``')}`"
                          for name, type_ in read.columns)
                    )
                    spark.sql(f"drop table if exists {relation}")
                    frame.write.mode("overwrite").format("parquet").saveAsTable(f"{vendor.schema}.{vendor.table}")
                    counts[vendor.relation] = int(spark.sql(f"select count(*) from {relation}").collect()[0][0])
                except Exception as exc:  # pyspark's errors (AnalysisException, Py4JJavaError, ...)
                    if isinstance(exc, LoadError):
                        raise
                    raise LoadError(f"Spark refused {vendor.path} as {vendor.relation}: {str(exc).strip()[:2000]}") from exc
                if counts[vendor.relation] != expected:
                    raise LoadError(f"{vendor.relation}: {expected:,} rows read from {vendor.path} "
                                    f"but {counts[vendor.relation]:,} loaded")
                progress(_vendor_progress(vendor, counts[vendor.relation], read, started))
    finally:
        spark.stop()
    return counts


def _what(exports: Exports) -> str:
    parts = [f"{len(exports.raw)} raw tables"] if exports.raw else []
    if exports.vendor:
        parts.append(f"{len(exports.vendor)} vendor tables (schemas {', '.join(exports.vendor_schemas)})")
    return " and ".join(parts) or "no tables"


def load(
    folder: Path | str,
    target: str,
    progress: Progress = print,
    duckdb_path: Path | str | None = None,
    spark_dir: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    schema_prefix: str = "",
) -> dict[str, int]:
    """Load the raw exports of `folder` into schema raw of `target`, and its
    vendor sub-folders (if any) into the schemas of their names (after
    `schema_prefix`): see the module docstring.

    Returns the row count of every loaded table: raw tables by name
    (``crm_leads``), vendor tables by relation (``hubspot.contact``).
    Connection settings come from the environment, as in
    profiles/profiles.yml (mqlfunnel.targets); `duckdb_path` and `spark_dir`
    override MQL_DUCKDB_PATH and MQL_SPARK_DIR.
    """
    if target not in targets.TARGETS:
        raise LoadError(f"unknown target {target!r}: choose one of {', '.join(targets.TARGETS)}")
    exports = discover(folder, schema_prefix)
    if target == "duckdb":
        database = Path(duckdb_path) if duckdb_path is not None else targets.duckdb_path(env)
        where = f"DuckDB {database}"
    elif target == "postgres":
        params = targets.postgres_params(env)
        where = f"PostgreSQL {params['host']}:{params['port']}/{params['dbname']} as {params['user']}"
    else:
        directory = Path(spark_dir).resolve() if spark_dir is not None else targets.spark_dir(env)
        directory.mkdir(parents=True, exist_ok=True)
        where = f"Spark (metastore and warehouse in {directory})"
    progress(f"loading {_what(exports)} from {folder} into {where}")
    for note in exports.ignored:
        progress(f"ignored {note}")
    if target == "duckdb":
        return _load_duckdb(exports, progress, database)
    if target == "postgres":
        return _load_postgres(exports, progress, env)
    return _load_spark(exports, progress, directory)
