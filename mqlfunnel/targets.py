"""Connections to the project's dbt targets, configured exactly as in
``profiles/profiles.yml`` and from the same environment variables.

duckdb    MQL_DUCKDB_PATH (default: warehouse.duckdb in the project)
postgres  MQL_PG_HOST, MQL_PG_PORT, MQL_PG_USER, MQL_PG_PASSWORD,
          MQL_PG_DATABASE, MQL_PG_SCHEMA (marts)
spark     MQL_SPARK_DIR (Derby metastore and warehouse; default .tmp/spark in
          the project), MQL_SPARK_SCHEMA (marts)

Only ``duckdb`` is imported at module level: psycopg2 and pyspark are
imported when a PostgreSQL or Spark connection is asked for.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Mapping

from mqlfunnel.project import DEFAULT_DUCKDB_PATH, PROJECT_DIR

TARGETS: tuple[str, ...] = ("duckdb", "postgres", "spark")

# The schema the marts land in (the profile's target schema) per target.
DEFAULT_MART_SCHEMA = {"duckdb": "main", "postgres": "marts", "spark": "marts"}


class TargetError(RuntimeError):
    """A target is not reachable or not configured; the message says what to do."""


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def mart_schema(target: str, env: Mapping[str, str] | None = None) -> str:
    """The schema holding the marts on this target."""
    env = _env(env)
    if target == "postgres":
        return env.get("MQL_PG_SCHEMA") or DEFAULT_MART_SCHEMA["postgres"]
    if target == "spark":
        return env.get("MQL_SPARK_SCHEMA") or DEFAULT_MART_SCHEMA["spark"]
    return DEFAULT_MART_SCHEMA["duckdb"]


# ---------------------------------------------------------------------------
# DuckDB
# ---------------------------------------------------------------------------

def duckdb_path(env: Mapping[str, str] | None = None) -> Path:
    env = _env(env)
    value = env.get("MQL_DUCKDB_PATH")
    if not value:
        return DEFAULT_DUCKDB_PATH
    path = Path(value)
    return path if path.is_absolute() else PROJECT_DIR / path


# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

def postgres_params(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """psycopg2.connect() keyword arguments from the MQL_PG_* variables."""
    env = _env(env)
    missing = [name for name in ("MQL_PG_USER", "MQL_PG_PASSWORD") if name not in env]
    if missing:
        raise TargetError(
            f"target postgres needs {' and '.join(missing)} in the environment "
            "(also MQL_PG_HOST, MQL_PG_PORT, MQL_PG_DATABASE; see README, Targets)"
        )
    return {
        "host": env.get("MQL_PG_HOST", "localhost"),
        "port": int(env.get("MQL_PG_PORT", "5432")),
        "user": env["MQL_PG_USER"],
        "password": env["MQL_PG_PASSWORD"],
        "dbname": env.get("MQL_PG_DATABASE", "mql_funnel"),
    }


def postgres_connect(env: Mapping[str, str] | None = None, **overrides: Any):
    """A psycopg2 connection to the target database (overrides e.g. user=, password=)."""
    try:
        import psycopg2
    except ImportError as exc:  # pragma: no cover - requirements.txt installs it
        raise TargetError("psycopg2 is not installed: run `make venv`") from exc
    params = {**postgres_params(env), **overrides}
    try:
        return psycopg2.connect(connect_timeout=10, **params)
    except psycopg2.OperationalError as exc:
        raise TargetError(
            f"cannot connect to PostgreSQL at {params['host']}:{params['port']} "
            f"database {params['dbname']} as {params['user']}: {str(exc).strip()}"
        ) from exc


# ---------------------------------------------------------------------------
# Spark
# ---------------------------------------------------------------------------

def spark_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder holding the Derby metastore and the warehouse (absolute)."""
    value = _env(env).get("MQL_SPARK_DIR")
    path = Path(value) if value else PROJECT_DIR / ".tmp" / "spark"
    return (path if path.is_absolute() else PROJECT_DIR / path).resolve()


def spark_conf(directory: Path) -> dict[str, str]:
    """The session settings of the `spark` output in profiles/profiles.yml."""
    directory = Path(directory)
    return {
        "spark.master": "local[2]",
        "spark.app.name": "mql_funnel",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.warehouse.dir": f"{directory}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": f"jdbc:derby:;databaseName={directory}/metastore_db;create=true",
        "spark.driver.extraJavaOptions": (
            f"-Dderby.system.home={directory} -Duser.timezone=UTC "
            f"-Dlog4j2.configurationFile={PROJECT_DIR / 'profiles' / 'spark-log4j2.properties'}"
        ),
        # what dbt-spark forces on every session
        "spark.sql.ansi.enabled": "false",
    }


def require_java() -> str:
    """The java launcher pyspark will use, or a TargetError saying how to get one."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate and candidate.exists():
        return str(candidate)
    found = shutil.which("java")
    if not found:
        raise TargetError(
            "target spark needs Java 17+ and none was found: run scripts/java.sh "
            "(apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME"
        )
    return found


def spark_session(directory: Path | None = None):
    """A local SparkSession on the same metastore and warehouse as dbt's profile.

    The Derby metastore admits one JVM at a time: close this process (or run
    it as a subprocess) before dbt uses the same MQL_SPARK_DIR.
    """
    require_java()
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - requirements.txt installs it
        raise TargetError("pyspark is not installed: run `make venv`") from exc
    directory = Path(directory) if directory is not None else spark_dir()
    directory.mkdir(parents=True, exist_ok=True)
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in spark_conf(directory).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
