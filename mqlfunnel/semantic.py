"""The semantic layer (models/semantic): run MetricFlow's `mf query` on a DuckDB file.

`mf` reads the semantic manifest at `<project>/target/semantic_manifest.json`
(a fixed path), so `query_metrics` can work in a private copy of the dbt
project (`workdir`): a concurrent `dbt` run in the repository never sees
or overwrites that copy's target/.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

from mqlfunnel.project import PROJECT_DIR, dbt_executable, venv_executable

# What dbt needs to parse the project (dbt_project.yml's paths and profiles).
PROJECT_ENTRIES = ("dbt_project.yml", "profiles", "models", "macros", "seeds", "tests", "analyses")


def mf_executable() -> str:
    return venv_executable("mf", "run `make venv` first (dbt-metricflow)")


def copy_project(workdir: Path) -> Path:
    """Copy the files dbt parses into `workdir` (not target/, logs/ or the venv)."""
    workdir.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "python", "*.pyc")
    for entry in PROJECT_ENTRIES:
        source = PROJECT_DIR / entry
        destination = workdir / entry
        if source.is_dir():
            shutil.copytree(source, destination, ignore=ignore, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, destination)
    return workdir


def _environment(project_dir: Path, database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MQL_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(project_dir / "profiles"),
        "DBT_PROJECT_DIR": str(project_dir),
    }


def _run(command: list[str], project_dir: Path, database: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command,
        cwd=project_dir,
        env=_environment(project_dir, database),
        text=True,
        capture_output=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"`{' '.join(command)}` failed ({result.returncode}):\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    return result


def parse_project(project_dir: Path, database: Path) -> Path:
    """`dbt parse` in `project_dir`; returns its target/semantic_manifest.json."""
    _run([dbt_executable(), "parse", "--profiles-dir", str(project_dir / "profiles")], project_dir, database)
    return project_dir / "target" / "semantic_manifest.json"


def query_metrics(
    database: Path,
    metrics: list[str],
    group_by: list[str],
    workdir: Path,
    order_by: list[str] | None = None,
) -> list[dict[str, str]]:
    """`mf query --metrics ... --group-by ...` on `database`, rows as dicts of text.

    The project is copied to `workdir` and parsed there first (once: an
    existing semantic manifest in `workdir` is reused)."""
    database = Path(database).resolve()
    project_dir = Path(workdir).resolve()
    if not (project_dir / "target" / "semantic_manifest.json").exists():
        copy_project(project_dir)
        parse_project(project_dir, database)
    out = project_dir / "mf_query.csv"
    command = [
        mf_executable(), "query",
        "--metrics", ",".join(metrics),
        "--group-by", ",".join(group_by),
        "--csv", str(out),
        "--quiet",
    ]
    if order_by:
        command += ["--order", ",".join(order_by)]
    _run(command, project_dir, database)
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def format_rows(rows: list[dict[str, str]]) -> str:
    """Rows of `query_metrics` as an aligned text table."""
    if not rows:
        return "(no rows)"
    columns = list(rows[0])
    widths = {column: max(len(column), *(len(row[column]) for row in rows)) for column in columns}
    lines = ["  ".join(column.ljust(widths[column]) for column in columns)]
    lines += ["  ".join(row[column].ljust(widths[column]) for column in columns) for row in rows]
    return "\n".join(lines)
